// abs: |x| on any number (ONNX Abs). The lowest signed integer stays itself.
#include <cmath>
#include <type_traits>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_abs(KernelContext& ctx) {
  return unary_numeric(ctx, [](auto x) -> decltype(x) {
    using T = decltype(x);
    if constexpr (std::is_floating_point_v<T>) {
      return std::fabs(x);
    } else if constexpr (std::is_signed_v<T>) {
      return x < 0 ? static_cast<T>(WrapType<T>{0} - wrap(x)) : x;
    } else {
      return x;
    }
  });
}

}  // namespace ingot::rt::portable
