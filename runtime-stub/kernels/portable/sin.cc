// sin: the sine, elementwise on floats (ONNX Sin).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_sin(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::sin(x); });
}

}  // namespace ingot::rt::portable
