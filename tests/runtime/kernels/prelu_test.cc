// Kernel tests of prelu: expected values worked out by hand from the op's definition.
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/elementwise_test_util.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;
using Bytes = std::vector<uint8_t>;
using testing::kNaN;
using testing::kInf;

TEST(PreluKernel, BroadcastsTheSlopeAlongTheLastDim) {
  KernelTester t;
  t.input<float>({2, 3}, {-1.0f, 2.0f, -3.0f, 4.0f, -5.0f, 6.0f}).input<float>({3}, {0.1f, 0.2f, 0.3f}).output<float>({2, 3});
  ASSERT_EQ(t.run("prelu.portable"), Error::ok) << t.message();
  // Negatives times the slope of their column: -1 * 0.1, -3 * 0.3, -5 * 0.2
  testing::expect_near(t.output_values<float>(), {-0.1f, 2.0f, -0.9f, 4.0f, -1.0f, 6.0f});
}

TEST(PreluKernel, ChannelSlope) {
  KernelTester t;
  t.input<float>({1, 2, 2}, {-1.0f, -2.0f, -3.0f, 4.0f}).input<float>({2, 1}, {0.5f, 2.0f}).output<float>({1, 2, 2});
  ASSERT_EQ(t.run("prelu.portable"), Error::ok) << t.message();
  // Channel 0 slope 0.5: -0.5, -1; channel 1 slope 2: -6, 4
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{-0.5f, -1.0f, -6.0f, 4.0f}));
}

TEST(PreluKernel, Integers) {
  KernelTester t;
  t.input<int32_t>({2}, {-4, 4}).input<int32_t>({}, {3}).output<int32_t>({2});
  ASSERT_EQ(t.run("prelu.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{-12, 4}));
}

TEST(PreluKernel, RejectsASlopeThatDoesNotBroadcast) {
  KernelTester t;
  t.input<float>({3}, {1, 2, 3}).input<float>({2}, {1, 2}).output<float>({3});
  EXPECT_EQ(t.run("prelu.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "operand shapes do not broadcast to the result's (or rank above 8)");
}

}  // namespace
}  // namespace ingot::rt
