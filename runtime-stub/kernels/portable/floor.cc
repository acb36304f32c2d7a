// floor: round down, elementwise on floats (ONNX Floor).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_floor(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return std::floor(x); });
}

}  // namespace ingot::rt::portable
