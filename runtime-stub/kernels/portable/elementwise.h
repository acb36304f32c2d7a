// Value helpers of the elementwise kernels (binary, unary and activation
// families): the type an element computes in, dtype conversion with Cast's
// rules, and wrapping integer arithmetic.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "kernels/portable/util.h"

namespace ingot::rt::portable {

template <typename T>
constexpr bool is_half_float() {
  return std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>;
}

// The type an element computes in: 16-bit floats compute through float,
// Bool as bool, every other type is its own.
template <typename T>
using Compute = std::conditional_t<is_half_float<T>(), float, std::conditional_t<std::is_same_v<T, Bool>, bool, T>>;

template <typename T>
Compute<T> compute(T value) {
  return static_cast<Compute<T>>(value);
}

template <typename T>
bool is_nan(T value) {
  if constexpr (is_floating<T>()) {
    return std::isnan(static_cast<double>(compute(value)));
  } else {
    return false;
  }
}

// Signed overflow is undefined in C++; integer +, -, * compute in an
// unsigned type of at least 32 bits (no promotion to int) and wrap.
template <typename T>
using WrapType = std::conditional_t<(sizeof(T) < 4), uint32_t, std::make_unsigned_t<T>>;

template <typename T>
auto wrap(T value) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, Bool>) {
    return static_cast<WrapType<T>>(value);
  } else {
    return value;
  }
}

// A float truncated toward zero into an integer type. Out-of-range values
// saturate and NaN becomes 0, so that the conversion is always defined.
template <typename To>
To truncate_to_int(double value) {
  if (std::isnan(value)) return 0;
  if (value <= static_cast<double>(std::numeric_limits<To>::lowest())) return std::numeric_limits<To>::lowest();
  if (value >= static_cast<double>(std::numeric_limits<To>::max())) return std::numeric_limits<To>::max();
  return static_cast<To>(value);
}

// One element converted as ONNX Cast does: to bool is "!= 0" (NaN is
// true), from bool is 0 or 1, float to integer truncates toward zero,
// integer to integer wraps, and floats round to nearest even.
template <typename To, typename From>
To convert(From value) {
  const Compute<From> x = compute(value);
  if constexpr (std::is_same_v<To, Bool>) {
    return x != 0;
  } else if constexpr (std::is_integral_v<To> && is_floating<From>()) {
    return truncate_to_int<To>(static_cast<double>(x));
  } else if constexpr (is_half_float<To>()) {
    return To(static_cast<float>(x));
  } else {
    return static_cast<To>(x);
  }
}

// True when both tensors have the same dims.
inline bool shapes_match(const Tensor& a, const Tensor& b) {
  if (a.rank != b.rank) return false;
  for (int32_t i = 0; i < a.rank; ++i) {
    if (a.dims[i] != b.dims[i]) return false;
  }
  return true;
}

}  // namespace ingot::rt::portable
