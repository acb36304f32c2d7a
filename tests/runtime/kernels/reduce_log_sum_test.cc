#include <cmath>
#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using ::testing::FloatNear;
using ::testing::Pointwise;
using testing::KernelTester;

TEST(ReduceLogSumKernel, LogOfEachRowSum) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, 0.5f, 0.25f, 0.25f}).output<float>({2, 1});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_log_sum.portable"), Error::ok) << t.message();
  // ln(6) = 1.7917595, ln(1) = 0
  EXPECT_THAT(t.output_values<float>(), Pointwise(FloatNear(1e-6), std::vector<float>{1.7917595f, 0}));
}

TEST(ReduceLogSumKernel, EmptySetGivesMinusInfinity) {
  KernelTester t;
  t.input<float>({0}, {}).output<float>({1});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_log_sum.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{-std::numeric_limits<float>::infinity()}));  // ln(0)
}

TEST(ReduceLogSumKernel, RejectsAKeptRankMismatch) {
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).output<float>({2});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 1);
  EXPECT_EQ(t.run("reduce_log_sum.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the output shape does not fit the reduction");
}

}  // namespace
}  // namespace ingot::rt
