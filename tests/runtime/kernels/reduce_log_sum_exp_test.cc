#include <cmath>
#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using ::testing::DoubleNear;
using ::testing::FloatNear;
using ::testing::Pointwise;
using testing::KernelTester;

TEST(ReduceLogSumExpKernel, LogOfSumOfExponentials) {
  KernelTester t;
  t.input<float>({2, 2}, {0, 0, 1, 1}).output<float>({2});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 0);
  ASSERT_EQ(t.run("reduce_log_sum_exp.portable"), Error::ok) << t.message();
  // ln(e^0 + e^0) = ln 2 = 0.6931472; ln(2e) = 1 + ln 2 = 1.6931472
  EXPECT_THAT(t.output_values<float>(), Pointwise(FloatNear(1e-6), std::vector<float>{0.6931472f, 1.6931472f}));
}

TEST(ReduceLogSumExpKernel, LargeValuesDoNotOverflow) {
  KernelTester t;
  t.input<double>({2}, {1000, 1000}).output<double>({1});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_log_sum_exp.portable"), Error::ok) << t.message();
  // 1000 + ln 2 (e^1000 alone would overflow a double)
  EXPECT_THAT(t.output_values<double>(), Pointwise(DoubleNear(1e-9), std::vector<double>{1000.6931471805599}));
}

TEST(ReduceLogSumExpKernel, EmptyOrAllMinusInfinityGivesMinusInfinity) {
  const float inf = std::numeric_limits<float>::infinity();
  KernelTester t;
  t.input<float>({2, 2}, {-inf, -inf, 0, 0}).output<float>({2, 1});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_log_sum_exp.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>()[0], -inf);  // ln(0 + 0)

  KernelTester empty;
  empty.input<float>({0}, {}).output<float>({1});
  empty.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 1);
  ASSERT_EQ(empty.run("reduce_log_sum_exp.portable"), Error::ok) << empty.message();
  EXPECT_EQ(empty.output_values<float>(), (std::vector<float>{-inf}));
}

TEST(ReduceLogSumExpKernel, RejectsATwoDimensionalAxesOperand) {
  KernelTester t;
  t.input<float>({2}, {1, 2}).input<int64_t>({1, 1}, {0}).output<float>({1});
  t.attr("keepdims", 1);
  EXPECT_EQ(t.run("reduce_log_sum_exp.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the axes operand must be 1-D");
}

}  // namespace
}  // namespace ingot::rt
