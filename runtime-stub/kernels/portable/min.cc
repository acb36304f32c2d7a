// min: elementwise minimum with numpy broadcasting (ONNX Min); NaN wins.
#include "kernels/portable/binary_kernel.h"

namespace ingot::rt::portable {

Error kernel_min(KernelContext& ctx) {
  return binary_arithmetic(ctx, [](auto a, auto b) {
    if (is_nan(a)) return a;
    if (is_nan(b)) return b;
    return b < a ? b : a;
  });
}

}  // namespace ingot::rt::portable
