// cos: the cosine, elementwise on floats (ONNX Cos).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_cos(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::cos(x); });
}

}  // namespace ingot::rt::portable
