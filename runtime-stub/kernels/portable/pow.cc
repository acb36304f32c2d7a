// pow: a raised to b with numpy broadcasting (ONNX Pow). The exponent may
// have another dtype; the result has the base's. Integer powers are exact
// (and wrap on overflow); any float operand computes in double.
#include <cmath>
#include <type_traits>

#include "kernels/portable/binary_kernel.h"

namespace ingot::rt::portable {
namespace {

// base^exponent by squaring. A negative exponent gives 1 / base^n truncated
// toward zero: 0 unless |base| is 1 (0 also for base 0, which has no value).
template <typename T, typename E>
T integer_pow(T base, E exponent) {
  if constexpr (std::is_signed_v<E>) {
    if (exponent < 0) {
      if (base == 1) return 1;
      if constexpr (std::is_signed_v<T>) {
        if (base == -1) return exponent % 2 == 0 ? 1 : -1;
      }
      return 0;
    }
  }
  WrapType<T> result = 1;
  WrapType<T> factor = wrap(base);
  for (E n = exponent; n > 0; n /= 2) {
    if (n % 2 == 1) result *= factor;
    factor *= factor;
  }
  return static_cast<T>(result);
}

template <typename T, typename E>
T pow_value(T base, E exponent) {
  if constexpr (std::is_integral_v<T> && std::is_integral_v<E>) {
    return integer_pow(base, exponent);
  } else {
    return convert<T>(std::pow(static_cast<double>(compute(base)), static_cast<double>(compute(exponent))));
  }
}

}  // namespace

Error kernel_pow(KernelContext& ctx) {
  BinaryOperands ops;
  if (Error error = binary_operands(ctx, &ops); error != Error::ok) return error;
  if (ops.a->dtype != ops.y->dtype) return ctx.fail("the base must have the result's dtype");
  return visit_dtype(ops.a->dtype, [&](auto base_tag) -> Error {
    using T = decltype(base_tag);
    return visit_dtype(ops.b->dtype, [&](auto exponent_tag) -> Error {
      using E = decltype(exponent_tag);
      if constexpr (std::is_same_v<T, Bool> || std::is_same_v<E, Bool>) {
        return ctx.fail("bool operands are not supported");
      } else {
        binary_map<T, E, T>(ops, [](T a, E b) { return pow_value(a, b); });
        return Error::ok;
      }
    });
  });
}

}  // namespace ingot::rt::portable
