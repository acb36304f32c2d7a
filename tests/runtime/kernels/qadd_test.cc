// qadd.portable against the float computation of the same quantized sum
// (tests/runtime/kernels/quantized_reference.h).
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/quantized_reference.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

// A real multiplier below 1 as (multiplier, shift), the way the compiler
// derives it (passes/fixed_point.cc); here only to build attributes.
testing::Multiplier qadd_fixed_point(double real) {
  int exponent = 0;
  const double fraction = std::frexp(real, &exponent);
  int64_t q = std::llround(fraction * 2147483648.0);
  if (q == (int64_t{1} << 31)) {
    q /= 2;
    ++exponent;
  }
  return {q, exponent};
}

// i8 a (scale sa, zero point -3) + i8 b (scale sb, zero point 9) -> i8 y (sy,
// zero point -11): dequantize, add in double, quantize.
void check_qadd(std::vector<int64_t> a_shape, std::vector<int64_t> b_shape, std::vector<int64_t> y_shape, double sa,
                double sb, double sy, bool relu, uint32_t seed) {
  std::mt19937 rng(seed);
  int64_t na = 1, nb = 1, ny = 1;
  for (int64_t d : a_shape) na *= d;
  for (int64_t d : b_shape) nb *= d;
  for (int64_t d : y_shape) ny *= d;
  std::vector<int8_t> a = testing::random_values<int8_t>(rng, static_cast<size_t>(na), -128, 127);
  std::vector<int8_t> b = testing::random_values<int8_t>(rng, static_cast<size_t>(nb), -128, 127);
  const int32_t a_zp = -3, b_zp = 9, y_zp = -11;
  // TFLite's scheme: operands to twice the larger scale, after a 2^20 shift.
  const double twice_max = 2 * std::max(sa, sb);
  const testing::Multiplier ma = qadd_fixed_point(sa / twice_max), mb = qadd_fixed_point(sb / twice_max);
  const testing::Multiplier my = qadd_fixed_point(twice_max / ((1 << 20) * sy));
  // The reference: numpy broadcast of a [.., 1] against b [..]: only the
  // shapes below (a's last dim 1 or equal; b full) are used.
  std::vector<int32_t> want;
  const int64_t last = y_shape.back();
  for (int64_t i = 0; i < ny; ++i) {
    const int64_t ai = a_shape.back() == 1 ? (i / last) % na : i % na;
    const int64_t bi = i % nb;
    const double real = sa * (a[static_cast<size_t>(ai)] - a_zp) + sb * (b[static_cast<size_t>(bi)] - b_zp);
    want.push_back(testing::quantize_reference(real / sy, y_zp, relu ? y_zp : -128, 127));
  }
  KernelTester t;
  t.input<int8_t>(a_shape, a).input<int8_t>(b_shape, b);
  t.attr("a_zero_point", int64_t{a_zp}).attr("b_zero_point", int64_t{b_zp}).attr("y_zero_point", int64_t{y_zp});
  t.attr("a_multiplier", std::vector<int64_t>{ma.multiplier}).attr("a_shift", std::vector<int64_t>{ma.shift});
  t.attr("b_multiplier", std::vector<int64_t>{mb.multiplier}).attr("b_shift", std::vector<int64_t>{mb.shift});
  t.attr("multiplier", std::vector<int64_t>{my.multiplier}).attr("shift", std::vector<int64_t>{my.shift});
  if (relu) t.attr("y_min", int64_t{y_zp});
  t.attr("y_dtype", "i8").output<int8_t>(y_shape);
  ASSERT_EQ(t.run("qadd.portable"), Error::ok) << t.message();
  const int mismatches = testing::count_mismatches(t.output_values<int8_t>(), want);
  EXPECT_LE(mismatches, static_cast<int>(ny / 20 + 1)) << "of " << ny;
}

TEST(QaddKernel, SameShapeDifferentScales) { check_qadd({3, 37}, {3, 37}, {3, 37}, 0.02, 0.05, 0.06, false, 21); }
TEST(QaddKernel, EqualScalesWithRelu) { check_qadd({101}, {101}, {101}, 0.1, 0.1, 0.13, true, 22); }
TEST(QaddKernel, BroadcastsALastDimOfOne) { check_qadd({4, 1}, {4, 9}, {4, 9}, 0.5, 0.01, 0.3, false, 23); }

TEST(QaddKernel, RejectsAnOperandMultiplierAboveOne) {
  KernelTester t;
  t.input<int8_t>({1}, {1}).input<int8_t>({1}, {1});
  t.attr("a_zero_point", int64_t{0}).attr("b_zero_point", int64_t{0});
  t.attr("a_multiplier", std::vector<int64_t>{1 << 30}).attr("a_shift", std::vector<int64_t>{1});
  t.attr("b_multiplier", std::vector<int64_t>{1 << 30}).attr("b_shift", std::vector<int64_t>{0});
  t.attr("multiplier", std::vector<int64_t>{1 << 30}).attr("shift", std::vector<int64_t>{0});
  t.attr("y_dtype", "i8").output<int8_t>({1});
  EXPECT_EQ(t.run("qadd.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "a_multiplier or a_shift is out of range");
}

}  // namespace
}  // namespace ingot::rt
