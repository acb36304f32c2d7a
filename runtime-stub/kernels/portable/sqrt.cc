// sqrt: the square root, elementwise on floats (ONNX Sqrt).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_sqrt(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::sqrt(x); });
}

}  // namespace ingot::rt::portable
