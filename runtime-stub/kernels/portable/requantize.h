// Fixed-point requantization, the arithmetic of gemmlowp and TFLite: an i32
// value times a real multiplier M = multiplier * 2^(shift - 31), with
// multiplier in [2^30, 2^31) (or 0) and shift in [-31, 30], computed in
// integers only so that every ISA gets the same bits:
//
//   1. a left shift by max(shift, 0), saturated to i32;
//   2. the high half of the doubled product with the multiplier, rounded to
//      nearest (ties upward), saturated (NEON's SQRDMULH);
//   3. a right shift by max(-shift, 0), rounded to nearest, ties away from
//      zero.
//
// The compiler derives (multiplier, shift) from the real scales
// (passes/fixed_point.h); the integer ops (qconv, qmatmul, qadd) read them as
// attributes (ir/ops/quant_compute.cc has their semantics).
#pragma once

#include <cstdint>
#include <limits>

#include "kernels/portable/util.h"

namespace ingot::rt::portable {

inline int32_t saturate_i32(int64_t value) {
  constexpr int64_t lo = std::numeric_limits<int32_t>::min(), hi = std::numeric_limits<int32_t>::max();
  return static_cast<int32_t>(value < lo ? lo : value > hi ? hi : value);
}

// floor(value / 2^exponent) without relying on the C++17 implementation-
// defined right shift of negative values.
inline int64_t floor_shift(int64_t value, int exponent) {
  const int64_t divisor = int64_t{1} << exponent;
  return value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
}

// round(a * b / 2^31), ties toward +inf; the one overflowing case
// (-2^31 * -2^31) saturates.
inline int32_t rounding_doubling_high_mul(int32_t a, int32_t b) {
  if (a == std::numeric_limits<int32_t>::min() && b == a) return std::numeric_limits<int32_t>::max();
  const int64_t product = static_cast<int64_t>(a) * b;
  return static_cast<int32_t>(floor_shift(product + (int64_t{1} << 30), 31));
}

// round(x / 2^exponent), ties away from zero; exponent in [0, 31].
inline int32_t rounding_divide_by_pot(int32_t x, int exponent) {
  if (exponent == 0) return x;
  const int64_t floor = floor_shift(x, exponent);
  const int64_t remainder = static_cast<int64_t>(x) - floor * (int64_t{1} << exponent);
  const int64_t half = int64_t{1} << (exponent - 1);
  const bool up = x >= 0 ? remainder >= half : remainder > half;
  return static_cast<int32_t>(floor + (up ? 1 : 0));
}

// x * multiplier * 2^(shift - 31), rounded as above.
inline int32_t multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int32_t shift) {
  const int left = shift > 0 ? shift : 0;
  const int right = shift > 0 ? 0 : -shift;
  const int32_t shifted = saturate_i32(static_cast<int64_t>(x) * (int64_t{1} << left));
  return rounding_divide_by_pot(rounding_doubling_high_mul(shifted, multiplier), right);
}

// The requantization attributes of a node whose y is u8 or i8 (absent when y
// is i32: the raw accumulator), read and checked once per call.
struct Requantization {
  bool enabled = false;
  List<int64_t> multiplier, shift;  // 1 entry, or one per channel
  int32_t zero_point = 0, lo = 0, hi = 0;

  // The output value of accumulator `acc` in channel `c`.
  int32_t apply(int32_t acc, int64_t c) const {
    const size_t i = multiplier.size == 1 ? 0 : static_cast<size_t>(c);
    const int64_t value = int64_t{multiply_by_quantized_multiplier(acc, static_cast<int32_t>(multiplier[i]),
                                                                   static_cast<int32_t>(shift[i]))} + zero_point;
    return static_cast<int32_t>(value < lo ? lo : value > hi ? hi : value);
  }
};

// The range of an 8-bit dtype, or false for another dtype.
inline bool range_of(DType dtype, int32_t* lo, int32_t* hi) {
  if (dtype == DType::u8) { *lo = 0; *hi = 255; return true; }
  if (dtype == DType::i8) { *lo = -128; *hi = 127; return true; }
  return false;
}

// f(A{}, B{}) with A and B the element types (uint8_t or int8_t) of two
// 8-bit operands: the one dispatch of every integer kernel over its
// operands' dtypes.
template <typename F>
void with_8bit_types(DType a, DType b, F&& f) {
  if (a == DType::u8) {
    if (b == DType::u8) f(uint8_t{}, uint8_t{}); else f(uint8_t{}, int8_t{});
  } else {
    if (b == DType::u8) f(int8_t{}, uint8_t{}); else f(int8_t{}, int8_t{});
  }
}

// Reads multiplier, shift (1 or `channels` entries), y_zero_point, y_min and
// y_max for output y (u8 or i8); with an i32 y, checks that none is set.
inline Error read_requantization(const KernelContext& ctx, const Tensor& y, int64_t channels, Requantization* r) {
  int32_t lo = 0, hi = 0;
  if (!range_of(y.dtype, &lo, &hi)) {
    if (y.dtype != DType::i32) return ctx.fail("the output must be u8, i8 or i32, not %s", dtype_name(y.dtype));
    if (ctx.has_attr("multiplier")) return ctx.fail("an i32 output is not requantized");
    return Error::ok;
  }
  r->enabled = true;
  r->multiplier = ctx.attr_ints("multiplier");
  r->shift = ctx.attr_ints("shift");
  const size_t n = r->multiplier.size;
  if ((n != 1 && static_cast<int64_t>(n) != channels) || r->shift.size != n) {
    return ctx.fail("multiplier and shift must have 1 or %lld entries each", static_cast<long long>(channels));
  }
  for (size_t i = 0; i < n; ++i) {
    if (r->multiplier[i] < 0 || r->multiplier[i] > std::numeric_limits<int32_t>::max() || r->shift[i] < -31 ||
        r->shift[i] > 30) {
      return ctx.fail("multiplier %lld or shift %lld is out of range", static_cast<long long>(r->multiplier[i]),
                      static_cast<long long>(r->shift[i]));
    }
  }
  const int64_t zero_point = ctx.attr_int("y_zero_point", 0);
  const int64_t y_min = ctx.attr_int("y_min", lo), y_max = ctx.attr_int("y_max", hi);
  if (zero_point < lo || zero_point > hi || y_min < lo || y_max > hi || y_min > y_max) {
    return ctx.fail("y_zero_point, y_min or y_max is outside the range of %s", dtype_name(y.dtype));
  }
  r->zero_point = static_cast<int32_t>(zero_point);
  r->lo = static_cast<int32_t>(y_min);
  r->hi = static_cast<int32_t>(y_max);
  return Error::ok;
}

// Element i of a u8 or i8 tensor, widened.
inline int32_t load_8bit(const Tensor& t, int64_t i) {
  return t.dtype == DType::u8 ? int32_t{t.as<uint8_t>()[i]} : int32_t{t.as<int8_t>()[i]};
}

// Stores v (in range) into element i of y (u8, i8 or i32).
inline void store_result(const Tensor& y, int64_t i, int32_t v) {
  if (y.dtype == DType::u8) {
    y.as<uint8_t>()[i] = static_cast<uint8_t>(v);
  } else if (y.dtype == DType::i8) {
    y.as<int8_t>()[i] = static_cast<int8_t>(v);
  } else {
    y.as<int32_t>()[i] = v;
  }
}

// A zero point attribute of an 8-bit operand, checked against its range.
inline Error read_zero_point(const KernelContext& ctx, const Tensor& t, const char* name, int32_t* zero_point) {
  int32_t lo = 0, hi = 0;
  if (!range_of(t.dtype, &lo, &hi)) return ctx.fail("%s belongs to a u8 or i8 operand, not %s", name, dtype_name(t.dtype));
  const int64_t value = ctx.attr_int(name, 0);
  if (value < lo || value > hi) return ctx.fail("%s %lld is outside the range of %s", name, static_cast<long long>(value), dtype_name(t.dtype));
  *zero_point = static_cast<int32_t>(value);
  return Error::ok;
}

}  // namespace ingot::rt::portable
