// sinh: the hyperbolic sine, elementwise on floats (ONNX Sinh).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_sinh(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::sinh(x); });
}

}  // namespace ingot::rt::portable
