// log: the natural logarithm, elementwise on floats (ONNX Log).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_log(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::log(x); });
}

}  // namespace ingot::rt::portable
