// tan: the tangent, elementwise on floats (ONNX Tan).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_tan(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::tan(x); });
}

}  // namespace ingot::rt::portable
