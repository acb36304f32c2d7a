// cosh: the hyperbolic cosine, elementwise on floats (ONNX Cosh).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_cosh(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::cosh(x); });
}

}  // namespace ingot::rt::portable
