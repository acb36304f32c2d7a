#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using ::testing::FloatNear;
using ::testing::Pointwise;
using testing::KernelTester;

TEST(GlobalLpPoolKernel, TwoNormPerChannel) {
  // channel 0: sqrt(9+16+0) = 5; channel 1: sqrt(1+4+4) = 3.
  KernelTester t;
  t.input<float>({1, 2, 3}, {3, 4, 0, 1, -2, 2}).output<float>({1, 2, 1});
  t.attr("p", 2.0);
  ASSERT_EQ(t.run("global_lp_pool.portable"), Error::ok) << t.message();
  EXPECT_THAT(t.output_values<float>(), Pointwise(FloatNear(1e-6f), std::vector<float>{5, 3}));
}

TEST(GlobalLpPoolKernel, OneNormOverTwoDims) {
  // |3|+|-4|+|0|+|1| = 8.
  KernelTester t;
  t.input<float>({1, 1, 2, 2}, {3, -4, 0, 1}).output<float>({1, 1, 1, 1});
  t.attr("p", 1.0);
  ASSERT_EQ(t.run("global_lp_pool.portable"), Error::ok) << t.message();
  EXPECT_THAT(t.output_values<float>(), Pointwise(FloatNear(1e-6f), std::vector<float>{8}));
}

TEST(GlobalLpPoolKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1, 1, 2}, {3, 4}).output<int32_t>({1, 1, 1});
  t.attr("p", 2.0);
  EXPECT_EQ(t.run("global_lp_pool.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "global_lp_pool takes float operands, not i32");
}

}  // namespace
}  // namespace ingot::rt
