// max: elementwise maximum with numpy broadcasting (ONNX Max); NaN wins.
#include "kernels/portable/binary_kernel.h"

namespace ingot::rt::portable {

Error kernel_max(KernelContext& ctx) {
  return binary_arithmetic(ctx, [](auto a, auto b) {
    if (is_nan(a)) return a;
    if (is_nan(b)) return b;
    return a < b ? b : a;
  });
}

}  // namespace ingot::rt::portable
