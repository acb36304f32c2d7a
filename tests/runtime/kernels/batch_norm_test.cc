#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using ::testing::FloatNear;
using ::testing::Pointwise;
using testing::KernelTester;

TEST(BatchNormKernel, PerChannelStatistics) {
  KernelTester t;
  // x [N=1, C=2, 1, 2]; scale, bias, mean, var per channel.
  t.input<float>({1, 2, 1, 2}, {1, 3, 10, 20})
      .input<float>({2}, {1, 2})
      .input<float>({2}, {0, 1})
      .input<float>({2}, {2, 15})
      .input<float>({2}, {3, 24})
      .output<float>({1, 2, 1, 2});
  t.attr("epsilon", 1.0);
  ASSERT_EQ(t.run("batch_norm.portable"), Error::ok) << t.message();
  // Channel 0: (x - 2) / sqrt(3 + 1) = (-0.5, 0.5), * 1 + 0.
  // Channel 1: (x - 15) / sqrt(24 + 1) = (-1, 1), * 2 + 1 = (-1, 3).
  EXPECT_THAT(t.output_values<float>(), Pointwise(FloatNear(1e-6), std::vector<float>{-0.5f, 0.5f, -1, 3}));
}

TEST(BatchNormKernel, RankTwoWithTwoSamples) {
  KernelTester t;
  t.input<double>({2, 2}, {1, 2, 3, 4})
      .input<double>({2}, {2, 1})
      .input<double>({2}, {0, 0})
      .input<double>({2}, {1, 0})
      .input<double>({2}, {4, 1})
      .output<double>({2, 2});
  t.attr("epsilon", 0.0);
  ASSERT_EQ(t.run("batch_norm.portable"), Error::ok) << t.message();
  // Channel 0: (x - 1) / 2 * 2 = x - 1; channel 1: x / 1 * 1 = x.
  EXPECT_THAT(t.output_values<double>(), Pointwise(FloatNear(1e-12), std::vector<double>{0, 2, 2, 4}));
}

TEST(BatchNormKernel, RejectsAParameterOfTheWrongLength) {
  KernelTester t;
  t.input<float>({1, 2, 1}, {1, 2})
      .input<float>({2}, {1, 1})
      .input<float>({2}, {0, 0})
      .input<float>({3}, {0, 0, 0})
      .input<float>({2}, {1, 1})
      .output<float>({1, 2, 1});
  t.attr("epsilon", 0.0);
  EXPECT_EQ(t.run("batch_norm.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "operand 3 must be a [2] tensor of x's dtype");
}

}  // namespace
}  // namespace ingot::rt
