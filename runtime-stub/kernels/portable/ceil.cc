// ceil: round up, elementwise on floats (ONNX Ceil).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_ceil(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::ceil(x); });
}

}  // namespace ingot::rt::portable
