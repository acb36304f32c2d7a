// mod: the remainder of a / b with numpy broadcasting (ONNX Mod). With
// fmod=0 it takes the sign of the divisor (Python's %); with fmod=1 that of
// the dividend (C's fmod). An integer divisor of 0 fails the kernel.
#include <cmath>
#include <type_traits>

#include "kernels/portable/binary_kernel.h"

namespace ingot::rt::portable {
namespace {

// The remainder with the dividend's sign (C's % and fmod).
template <typename T>
T truncated_remainder(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::fmod(a, b);
  } else {
    if constexpr (std::is_signed_v<T>) {
      if (b == -1) return 0;  // the lowest value % -1 traps on x86
    }
    return static_cast<T>(a % b);
  }
}

// The remainder with the divisor's sign: move a truncated remainder of the
// other sign by one divisor.
template <typename T>
T floored_remainder(T a, T b) {
  T r = truncated_remainder(a, b);
  if constexpr (std::is_signed_v<T> || std::is_floating_point_v<T>) {
    if (r != 0 && (r < 0) != (b < 0)) r = static_cast<T>(r + b);
  }
  return r;
}

}  // namespace

Error kernel_mod(KernelContext& ctx) {
  const Tensor* divisor = ctx.input(1);
  if (divisor != nullptr && has_integer_zero(*divisor)) return ctx.fail("integer modulo by zero");
  if (ctx.attr_int("fmod", 0) != 0) {
    return binary_arithmetic(ctx, [](auto a, auto b) { return truncated_remainder(a, b); });
  }
  return binary_arithmetic(ctx, [](auto a, auto b) { return floored_remainder(a, b); });
}

}  // namespace ingot::rt::portable
