// sign: -1, 0 or 1 by the sign of x, on any number (ONNX Sign); NaN stays NaN.
#include <type_traits>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_sign(KernelContext& ctx) {
  return unary_numeric(ctx, [](auto x) -> decltype(x) {
    if (x > 0) return 1;
    if constexpr (std::is_signed_v<decltype(x)>) {
      if (x < 0) return -1;
    }
    return x;  // 0 (of either sign) or NaN
  });
}

}  // namespace ingot::rt::portable
