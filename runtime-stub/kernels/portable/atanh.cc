// atanh: the inverse hyperbolic tangent, elementwise on floats (ONNX Atanh).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_atanh(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::atanh(x); });
}

}  // namespace ingot::rt::portable
