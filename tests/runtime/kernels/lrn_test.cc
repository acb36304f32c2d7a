#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using ::testing::FloatNear;
using ::testing::Pointwise;
using testing::KernelTester;

TEST(LrnKernel, OddSizeWindowClippedAtTheEdges) {
  KernelTester t;
  t.input<float>({1, 3, 1, 1}, {1, 2, 3}).output<float>({1, 3, 1, 1});
  t.attr("size", 3).attr("alpha", 3.0).attr("beta", 1.0).attr("bias", 1.0);
  ASSERT_EQ(t.run("lrn.portable"), Error::ok) << t.message();
  // alpha / size = 1; windows c-1..c+1: {0,1} -> 1+4 = 5, {0,1,2} -> 14, {1,2} -> 13.
  // y = x / (1 + sum): 1/6, 2/15, 3/14
  EXPECT_THAT(t.output_values<float>(), Pointwise(FloatNear(1e-6), std::vector<float>{1 / 6.0f, 2 / 15.0f, 3 / 14.0f}));
}

TEST(LrnKernel, EvenSizeLooksFurtherAhead) {
  KernelTester t;
  t.input<double>({1, 3, 1}, {1, 2, 3}).output<double>({1, 3, 1});
  t.attr("size", 2).attr("alpha", 2.0).attr("beta", 0.5).attr("bias", 1.0);
  ASSERT_EQ(t.run("lrn.portable"), Error::ok) << t.message();
  // Window c..c+1 (floor(1/2) = 0 before, ceil(1/2) = 1 after): 1+4 = 5, 4+9 = 13, 9.
  // y = x / sqrt(1 + sum): 1/sqrt(6) = 0.4082483, 2/sqrt(14) = 0.5345225, 3/sqrt(10) = 0.9486833
  EXPECT_THAT(t.output_values<double>(), Pointwise(FloatNear(1e-6), std::vector<double>{0.4082483, 0.5345225, 0.9486833}));
}

TEST(LrnKernel, RejectsAZeroSize) {
  KernelTester t;
  t.input<float>({1, 1}, {1}).output<float>({1, 1});
  t.attr("size", 0).attr("alpha", 1.0).attr("beta", 1.0).attr("bias", 1.0);
  EXPECT_EQ(t.run("lrn.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "size must be positive, not 0");
}

}  // namespace
}  // namespace ingot::rt
