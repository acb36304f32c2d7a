// neg: -x on any number (ONNX Neg). Integers wrap: the lowest signed value
// stays itself, unsigned values negate modulo 2^bits.
#include <type_traits>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_neg(KernelContext& ctx) {
  return unary_numeric(ctx, [](auto x) -> decltype(x) {
    using T = decltype(x);
    if constexpr (std::is_floating_point_v<T>) {
      return -x;
    } else {
      return static_cast<T>(WrapType<T>{0} - wrap(x));
    }
  });
}

}  // namespace ingot::rt::portable
