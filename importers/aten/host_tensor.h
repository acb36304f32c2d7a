// A tensor read from an archive: its type and its elements, contiguous,
// little-endian. Weights, buffers and constants of a program are HostTensors
// until the graph builder turns them into constants.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ir/status.h"
#include "ir/tensor_type.h"

namespace ingot::aten {

struct HostTensor {
  TensorType type;
  std::vector<uint8_t> bytes;
};

// How a tensor views its storage: torch's sizes, strides and storage offset,
// in elements.
struct StridedView {
  DType dtype = DType::f32;
  std::vector<int64_t> sizes;
  std::vector<int64_t> strides;
  int64_t offset = 0;
};

// Copies the elements that `view` selects out of `storage` into a contiguous
// tensor; an error when the view reaches outside the storage, has negative
// sizes, strides or offset, or is too large. Views may overlap (aliasing
// weights share one storage).
Result<HostTensor> copy_strided(std::span<const uint8_t> storage, const StridedView& view);

}  // namespace ingot::aten
