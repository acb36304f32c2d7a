// acosh: the inverse hyperbolic cosine, elementwise on floats (ONNX Acosh).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_acosh(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::acosh(x); });
}

}  // namespace ingot::rt::portable
