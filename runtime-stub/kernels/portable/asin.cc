// asin: the arcsine, elementwise on floats (ONNX Asin).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_asin(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::asin(x); });
}

}  // namespace ingot::rt::portable
