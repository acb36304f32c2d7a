// tanh: the hyperbolic tangent, elementwise on floats (ONNX Tanh).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_tanh(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::tanh(x); });
}

}  // namespace ingot::rt::portable
