// The kernel a conv node computes, as its weights' shape records it.
#pragma once

#include <cstdint>
#include <string_view>

#include "ir/graph.h"

namespace ingot {

// The kernel's extent along spatial dim i (0 = the first after [M, C]). A
// conv whose weights the pack-weights pass transformed for Winograd
// F(4x4, 3x3) (packed = "wino6mr<rows>", runtime-stub/kernels/simd/winograd_f32.h)
// records them as [M, C, 6, 6], the 36 transformed values per (m, c): the
// kernel it computes is 3x3 (a tile of 6 = 4 outputs + 3 taps - 1).
inline int64_t conv_kernel_dim(const Node& node, size_t i) {
  const int64_t dim = node.input(1)->type().shape[2 + i];
  const std::string packed = node.attr_s("packed");
  return std::string_view(packed).substr(0, 5) == "wino6" ? dim - 3 : dim;
}

}  // namespace ingot
