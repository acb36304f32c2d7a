// erf: the error function, elementwise on floats (ONNX Erf).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_erf(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::erf(x); });
}

}  // namespace ingot::rt::portable
