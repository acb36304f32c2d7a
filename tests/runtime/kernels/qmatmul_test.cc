// qmatmul.portable against the float computation of the same quantized
// product (tests/runtime/kernels/quantized_reference.h), on awkward sizes.
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/quantized_reference.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

// a u8 [batch_a..., M, K] (scale as, zero point 77), b i8 [batch_b..., K, N]
// (scales bs[j] per column or one), bias i32 [N]: dequantize, multiply in
// double, quantize to u8 (or the exact i32 accumulator).
void check_qmatmul(std::vector<int64_t> a_shape, std::vector<int64_t> b_shape, bool per_column, bool bias, uint32_t seed,
                bool i32_output = false) {
  std::mt19937 rng(seed);
  const int64_t m = a_shape[a_shape.size() - 2], k = a_shape.back(), n = b_shape.back();
  // The test broadcasts only a leading batch dim of 1 (or a missing one) in either operand.
  const int64_t a_batch = a_shape.size() > 2 ? a_shape[0] : 1, b_batch = b_shape.size() > 2 ? b_shape[0] : 1;
  const int64_t batch = std::max(a_batch, b_batch);
  std::vector<uint8_t> a = testing::random_values<uint8_t>(rng, static_cast<size_t>(a_batch * m * k), 0, 255);
  std::vector<int8_t> b = testing::random_values<int8_t>(rng, static_cast<size_t>(b_batch * k * n), -127, 127);
  std::vector<int32_t> bias_values = testing::random_values<int32_t>(rng, static_cast<size_t>(n), -30000, 30000);
  const int32_t a_zp = 77, y_zp = 101;
  const double as = 0.011, ys = 0.07;
  std::vector<testing::Multiplier> mults;
  std::vector<double> bs;
  for (int64_t j = 0; j < (per_column ? n : 1); ++j) {
    mults.push_back(testing::random_multiplier(rng, -13, -7));
    bs.push_back(mults.back().real() * ys / as);
  }
  std::vector<int32_t> want;
  for (int64_t p = 0; p < batch; ++p)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        const double b_scale = bs[per_column ? j : 0];
        double acc = bias ? bias_values[j] * as * b_scale : 0.0;
        long long integer = bias ? bias_values[j] : 0;
        for (int64_t q = 0; q < k; ++q) {
          const int32_t av = a[static_cast<size_t>(((a_batch == 1 ? 0 : p) * m + i) * k + q)] - a_zp;
          const int32_t bv = b[static_cast<size_t>(((b_batch == 1 ? 0 : p) * k + q) * n + j)];
          acc += (as * av) * (b_scale * bv);
          integer += static_cast<long long>(av) * bv;
        }
        want.push_back(i32_output ? static_cast<int32_t>(integer) : testing::quantize_reference(acc / ys, y_zp, 0, 255));
      }

  KernelTester t;
  t.input<uint8_t>(a_shape, a).input<int8_t>(b_shape, b);
  if (bias) t.input<int32_t>({n}, bias_values);
  t.attr("a_zero_point", int64_t{a_zp});
  std::vector<int64_t> y_shape = a_shape.size() >= b_shape.size() ? a_shape : b_shape;
  y_shape[y_shape.size() - 2] = m;
  y_shape.back() = n;
  if (y_shape.size() > 2) y_shape[0] = batch;
  if (i32_output) {
    t.attr("y_dtype", "i32").output<int32_t>(y_shape);
    ASSERT_EQ(t.run("qmatmul.portable"), Error::ok) << t.message();
    EXPECT_EQ(t.output_values<int32_t>(), want);
    return;
  }
  std::vector<int64_t> multipliers, shifts;
  for (const testing::Multiplier& mult : mults) {
    multipliers.push_back(mult.multiplier);
    shifts.push_back(mult.shift);
  }
  t.attr("multiplier", multipliers).attr("shift", shifts).attr("y_zero_point", int64_t{y_zp});
  t.attr("y_dtype", "u8").output<uint8_t>(y_shape);
  ASSERT_EQ(t.run("qmatmul.portable"), Error::ok) << t.message();
  const int mismatches = testing::count_mismatches(t.output_values<uint8_t>(), want);
  EXPECT_LE(mismatches, static_cast<int>(want.size() / 20 + 1)) << "of " << want.size();
}

TEST(QmatmulKernel, PerColumnWithBias) { check_qmatmul({7, 13}, {13, 9}, true, true, 11); }
TEST(QmatmulKernel, PerTensorBatched) { check_qmatmul({3, 5, 17}, {3, 17, 6}, false, false, 12); }
TEST(QmatmulKernel, BroadcastsTheBatch) {
  check_qmatmul({1, 4, 33}, {2, 33, 5}, true, true, 13);
  check_qmatmul({2, 6, 3}, {3, 7}, true, false, 14);
}
TEST(QmatmulKernel, I32OutputIsTheExactAccumulator) { check_qmatmul({5, 19}, {19, 3}, true, true, 15, true); }

TEST(QmatmulKernel, RejectsAnInt32ZeroPointOutOfRange) {
  KernelTester t;
  t.input<uint8_t>({1, 1}, {1}).input<int8_t>({1, 1}, {1}).attr("a_zero_point", int64_t{300}).attr("y_dtype", "i32");
  t.output<int32_t>({1, 1});
  EXPECT_EQ(t.run("qmatmul.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "a_zero_point 300 is outside the range of u8");
}

}  // namespace
}  // namespace ingot::rt
