// reciprocal: 1 / x, elementwise on floats (ONNX Reciprocal).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_reciprocal(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return 1.0 / x; });
}

}  // namespace ingot::rt::portable
