// atan: the arctangent, elementwise on floats (ONNX Atan).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_atan(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::atan(x); });
}

}  // namespace ingot::rt::portable
