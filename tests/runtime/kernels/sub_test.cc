// Kernel tests of sub: expected values worked out by hand from the op's definition.
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

TEST(SubKernel, SameShapeF32) {
  KernelTester t;
  t.input<float>({2}, {5.5f, 1.0f}).input<float>({2}, {0.5f, 3.0f}).output<float>({2});
  ASSERT_EQ(t.run("sub.portable"), Error::ok) << t.message();
  // 5.5 - 0.5, 1 - 3
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{5.0f, -2.0f}));
}

TEST(SubKernel, BroadcastsTheSubtrahend) {
  KernelTester t;
  t.input<int32_t>({2, 2}, {10, 20, 30, 40}).input<int32_t>({2}, {1, 2}).output<int32_t>({2, 2});
  ASSERT_EQ(t.run("sub.portable"), Error::ok) << t.message();
  // 10-1, 20-2, 30-1, 40-2
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{9, 18, 29, 38}));
}

TEST(SubKernel, BroadcastsTheMinuend) {
  KernelTester t;
  t.input<float>({}, {1.0f}).input<float>({3}, {0.25f, 1.0f, 3.0f}).output<float>({3});
  ASSERT_EQ(t.run("sub.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{0.75f, 0.0f, -2.0f}));
}

TEST(SubKernel, UnsignedWraps) {
  KernelTester t;
  t.input<uint8_t>({2}, {0, 200}).input<uint8_t>({2}, {1, 100}).output<uint8_t>({2});
  ASSERT_EQ(t.run("sub.portable"), Error::ok) << t.message();
  // 0 - 1 = 255 mod 256
  EXPECT_EQ(t.output_values<uint8_t>(), (std::vector<uint8_t>{255, 100}));
}

TEST(SubKernel, RejectsAResultOfTheWrongRank) {
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).input<float>({2, 2}, {1, 2, 3, 4}).output<float>({4});
  EXPECT_EQ(t.run("sub.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "operand shapes do not broadcast to the result's (or rank above 8)");
}

}  // namespace
}  // namespace ingot::rt
