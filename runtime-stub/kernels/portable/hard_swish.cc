// hard_swish: x * max(0, min(1, x / 6 + 1/2)), on floats (ONNX HardSwish).
#include <algorithm>
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

// Attributes fall back to the ONNX defaults (the importer writes them all).
Error kernel_hard_swish(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return x * std::max(0.0, std::min(1.0, x / 6 + 0.5)); });
}

}  // namespace ingot::rt::portable
