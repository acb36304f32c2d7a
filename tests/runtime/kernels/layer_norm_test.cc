#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using ::testing::FloatNear;
using ::testing::Pointwise;
using testing::KernelTester;

TEST(LayerNormKernel, NormalisesEachRowWithScaleAndBias) {
  KernelTester t;
  t.input<float>({2, 2}, {1, 3, 5, 1}).input<float>({2}, {1, 2}).input<float>({2}, {0, 1}).output<float>({2, 2});
  t.attr("axis", 1).attr("epsilon", 0.0);
  ASSERT_EQ(t.run("layer_norm.portable"), Error::ok) << t.message();
  // Row (1, 3): mean 2, var 1 -> (-1, 1); row (5, 1): mean 3, var 4 -> (1, -1).
  // Then * (1, 2) + (0, 1).
  EXPECT_THAT(t.output_values<float>(), Pointwise(FloatNear(1e-6), std::vector<float>{-1, 3, 1, -1}));
}

TEST(LayerNormKernel, EpsilonAndNoBias) {
  KernelTester t;
  t.input<double>({2}, {0, 2}).input<double>({2}, {1, 1}).output<double>({2});
  t.attr("axis", 0).attr("epsilon", 1.0);
  ASSERT_EQ(t.run("layer_norm.portable"), Error::ok) << t.message();
  // mean 1, var 1: (-1, 1) / sqrt(1 + 1)
  EXPECT_THAT(t.output_values<double>(), Pointwise(FloatNear(1e-9), std::vector<double>{-0.70710678118, 0.70710678118}));
}

TEST(LayerNormKernel, OverTwoAxesWithABroadcastScale) {
  KernelTester t;
  t.input<float>({1, 2, 2}, {1, 2, 3, 4}).input<float>({2}, {2, 3}).output<float>({1, 2, 2});
  t.attr("axis", 1).attr("epsilon", 0.0);
  ASSERT_EQ(t.run("layer_norm.portable"), Error::ok) << t.message();
  // mean 2.5; var (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25, sqrt = 1.1180340;
  // normalised (-1.3416408, -0.4472136, 0.4472136, 1.3416408), times scale (2, 3, 2, 3).
  EXPECT_THAT(t.output_values<float>(),
              Pointwise(FloatNear(1e-5), std::vector<float>{-2.6832816f, -1.3416408f, 0.8944272f, 4.0249224f}));
}

TEST(LayerNormKernel, RejectsAScaleThatDoesNotBroadcast) {
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).input<float>({3}, {1, 1, 1}).output<float>({2, 2});
  t.attr("axis", 1).attr("epsilon", 0.0);
  EXPECT_EQ(t.run("layer_norm.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the scale does not broadcast to the normalised shape");
}

}  // namespace
}  // namespace ingot::rt
