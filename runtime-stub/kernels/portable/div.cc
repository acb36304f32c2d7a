// div: a / b with numpy broadcasting (ONNX Div). Integer division truncates
// toward zero; an integer divisor of 0 fails the kernel.
#include <type_traits>

#include "kernels/portable/binary_kernel.h"

namespace ingot::rt::portable {

Error kernel_div(KernelContext& ctx) {
  const Tensor* divisor = ctx.input(1);
  if (divisor != nullptr && has_integer_zero(*divisor)) return ctx.fail("integer division by zero");
  return binary_arithmetic(ctx, [](auto a, auto b) -> decltype(a) {
    using T = decltype(a);
    if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
      // The lowest value / -1 traps on x86; as a wrapping negation it is itself.
      if (b == -1) return static_cast<T>(WrapType<T>{0} - wrap(a));
    }
    return a / b;
  });
}

}  // namespace ingot::rt::portable
