// acos: the arccosine, elementwise on floats (ONNX Acos).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_acos(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::acos(x); });
}

}  // namespace ingot::rt::portable
