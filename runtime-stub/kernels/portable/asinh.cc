// asinh: the inverse hyperbolic sine, elementwise on floats (ONNX Asinh).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_asinh(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::asinh(x); });
}

}  // namespace ingot::rt::portable
