// The fixed-point arithmetic of requantize.h against exact integer
// arithmetic (__int128) and its documented rounding.
#include "kernels/portable/requantize.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace ingot::rt::portable {
namespace {

// floor(n / 2^e) for any sign, exactly.
__int128 floor_div_pot(__int128 n, int e) {
  const __int128 d = static_cast<__int128>(1) << e;
  __int128 q = n / d;
  if (n % d != 0 && n < 0) --q;
  return q;
}

TEST(Requantize, DoublingHighMulRoundsHalfUpward) {
  // 3 * 2^30 / 2^31 = 1.5 -> 2; -1.5 -> -1 (ties toward +inf, as SQRDMULH).
  EXPECT_EQ(rounding_doubling_high_mul(3, 1 << 30), 2);
  EXPECT_EQ(rounding_doubling_high_mul(-3, 1 << 30), -1);
  EXPECT_EQ(rounding_doubling_high_mul(INT32_MIN, INT32_MIN), INT32_MAX);
  std::mt19937 rng(7);
  std::uniform_int_distribution<int32_t> any(INT32_MIN, INT32_MAX);
  for (int i = 0; i < 20000; ++i) {
    const int32_t a = any(rng), b = any(rng);
    if (a == INT32_MIN && b == INT32_MIN) continue;
    const __int128 want = floor_div_pot(static_cast<__int128>(a) * b + (static_cast<__int128>(1) << 30), 31);
    ASSERT_EQ(rounding_doubling_high_mul(a, b), static_cast<int32_t>(want)) << a << " * " << b;
  }
}

TEST(Requantize, DivideByPowerOfTwoRoundsHalfAwayFromZero) {
  EXPECT_EQ(rounding_divide_by_pot(3, 1), 2);    // 1.5
  EXPECT_EQ(rounding_divide_by_pot(-3, 1), -2);  // -1.5
  EXPECT_EQ(rounding_divide_by_pot(-5, 2), -1);  // -1.25
  EXPECT_EQ(rounding_divide_by_pot(-6, 2), -2);  // -1.5
  EXPECT_EQ(rounding_divide_by_pot(INT32_MIN, 31), -1);
  EXPECT_EQ(rounding_divide_by_pot(INT32_MAX, 31), 1);
  std::mt19937 rng(8);
  std::uniform_int_distribution<int32_t> any(INT32_MIN, INT32_MAX);
  for (int i = 0; i < 20000; ++i) {
    const int32_t x = any(rng);
    const int e = i % 32;
    // round half away from zero of x / 2^e, from |x| exactly.
    const __int128 magnitude = x < 0 ? -static_cast<__int128>(x) : x;
    __int128 rounded = e == 0 ? magnitude : floor_div_pot(magnitude + (static_cast<__int128>(1) << (e - 1)), e);
    if (x < 0) rounded = -rounded;
    ASSERT_EQ(rounding_divide_by_pot(x, e), static_cast<int32_t>(rounded)) << x << " / 2^" << e;
  }
}

TEST(Requantize, MultiplierIsWithinOneOfTheRealProduct) {
  // x * m * 2^(shift - 31), two roundings of at most a half each.
  std::mt19937 rng(9);
  std::uniform_int_distribution<int32_t> acc(-(1 << 24), 1 << 24);
  std::uniform_int_distribution<int32_t> mult(1 << 30, INT32_MAX);
  std::uniform_int_distribution<int32_t> shift(-31, 6);
  for (int i = 0; i < 20000; ++i) {
    const int32_t x = acc(rng), m = mult(rng), s = shift(rng);
    const double real = static_cast<double>(x) * std::ldexp(static_cast<double>(m), s - 31);
    if (std::fabs(real) > 2e9) continue;
    ASSERT_LE(std::fabs(multiply_by_quantized_multiplier(x, m, s) - real), 1.0) << x << " " << m << " " << s;
  }
  // An exactly representable product is exact: 100 * 0.75 = 75. A tie in the
  // multiply goes upward (7 * 0.5 -> 4, -7 * 0.5 -> -3), a tie in the shift
  // away from zero (-7 * 0.25 = -1.75 is no tie; -6 * 0.25 = -1.5 -> -2).
  EXPECT_EQ(multiply_by_quantized_multiplier(100, 3 << 29, 0), 75);
  EXPECT_EQ(multiply_by_quantized_multiplier(7, 1 << 30, 0), 4);
  EXPECT_EQ(multiply_by_quantized_multiplier(-7, 1 << 30, 0), -3);
  EXPECT_EQ(multiply_by_quantized_multiplier(-7, 1 << 30, -1), -2);
  EXPECT_EQ(multiply_by_quantized_multiplier(-6, 1 << 30, -1), -2);
  // A left shift that overflows saturates instead of wrapping.
  EXPECT_EQ(multiply_by_quantized_multiplier(1 << 30, 1 << 30, 4), INT32_MAX / 2 + 1);
}

}  // namespace
}  // namespace ingot::rt::portable
