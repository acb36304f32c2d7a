#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(RangeKernel, FloatPositiveDelta) {
  // ceil((5 - 1) / 2) = 2 elements: 1, 3.
  KernelTester t;
  t.input<float>({}, {1}).input<float>({}, {5}).input<float>({}, {2}).output<float>({2});
  ASSERT_EQ(t.run("range.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 3}));
}

TEST(RangeKernel, IntNegativeDelta) {
  // ceil((6 - 10) / -3) = ceil(1.33) = 2 elements: 10, 7.
  KernelTester t;
  t.input<int32_t>({}, {10}).input<int32_t>({}, {6}).input<int32_t>({}, {-3}).output<int32_t>({2});
  ASSERT_EQ(t.run("range.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{10, 7}));
}

TEST(RangeKernel, EmptyWhenLimitIsBehindStart) {
  // ceil((0 - 3) / 1) = -3 -> max(-3, 0) = 0 elements.
  KernelTester t;
  t.input<int64_t>({}, {3}).input<int64_t>({}, {0}).input<int64_t>({}, {1}).output<int64_t>({0});
  EXPECT_EQ(t.run("range.portable"), Error::ok) << t.message();
}

TEST(RangeKernel, RejectsOperandsThatGiveAnotherLength) {
  KernelTester t;
  t.input<float>({}, {1}).input<float>({}, {5}).input<float>({}, {2}).output<float>({3});
  EXPECT_EQ(t.run("range.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the operands give 2 elements but the output holds 3");
}

TEST(RangeKernel, RejectsZeroDelta) {
  KernelTester t;
  t.input<int16_t>({}, {1}).input<int16_t>({}, {5}).input<int16_t>({}, {0}).output<int16_t>({4});
  EXPECT_EQ(t.run("range.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "delta must not be zero");
}

}  // namespace
}  // namespace ingot::rt
