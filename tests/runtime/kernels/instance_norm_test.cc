#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using ::testing::FloatNear;
using ::testing::Pointwise;
using testing::KernelTester;

TEST(InstanceNormKernel, PerSampleAndChannel) {
  KernelTester t;
  // x [N=2, C=2, 2]
  t.input<float>({2, 2, 2}, {1, 3, 10, 30, 0, 4, 7, 7})
      .input<float>({2}, {1, 2})
      .input<float>({2}, {0, 1})
      .output<float>({2, 2, 2});
  t.attr("epsilon", 0.0);
  ASSERT_EQ(t.run("instance_norm.portable"), Error::ok) << t.message();
  // (1, 3): mean 2, var 1 -> (-1, 1) * 1 + 0
  // (10, 30): mean 20, var 100 -> (-1, 1) * 2 + 1 = (-1, 3)
  // (0, 4): mean 2, var 4 -> (-1, 1) * 1 + 0
  // (7, 7): mean 7, var 0 -> 0 / sqrt(0) is NaN, so that pair is checked below with epsilon
  std::vector<float> y = t.output_values<float>();
  EXPECT_THAT(std::vector<float>(y.begin(), y.begin() + 6), Pointwise(FloatNear(1e-6), std::vector<float>{-1, 1, -1, 3, -1, 1}));
}

TEST(InstanceNormKernel, EpsilonKeepsAConstantSliceFinite) {
  KernelTester t;
  t.input<float>({1, 1, 3}, {7, 7, 7}).input<float>({1}, {5}).input<float>({1}, {0.5f}).output<float>({1, 1, 3});
  t.attr("epsilon", 1e-5);
  ASSERT_EQ(t.run("instance_norm.portable"), Error::ok) << t.message();
  // (x - 7) = 0, so the output is the bias.
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{0.5f, 0.5f, 0.5f}));
}

TEST(InstanceNormKernel, RejectsRankTwo) {
  KernelTester t;
  t.input<float>({1, 2}, {1, 2}).input<float>({2}, {1, 1}).input<float>({2}, {0, 0}).output<float>({1, 2});
  t.attr("epsilon", 0.0);
  EXPECT_EQ(t.run("instance_norm.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the operand must have rank 3 or more");
}

}  // namespace
}  // namespace ingot::rt
