// exp: e^x, elementwise on floats (ONNX Exp).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_exp(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::exp(x); });
}

}  // namespace ingot::rt::portable
