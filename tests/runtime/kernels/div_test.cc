// Kernel tests of div: expected values worked out by hand from the op's definition.
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

TEST(DivKernel, Floats) {
  KernelTester t;
  t.input<float>({3}, {7.0f, -7.0f, 1.0f}).input<float>({3}, {2.0f, 2.0f, 0.0f}).output<float>({3});
  ASSERT_EQ(t.run("div.portable"), Error::ok) << t.message();
  // 7/2, -7/2, 1/0 = inf (IEEE)
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{3.5f, -3.5f, kInf}));
}

TEST(DivKernel, IntegersTruncateTowardZero) {
  KernelTester t;
  t.input<int32_t>({5}, {7, -7, 7, -7, std::numeric_limits<int32_t>::min()})
      .input<int32_t>({5}, {2, 2, -2, -2, -1})
      .output<int32_t>({5});
  ASSERT_EQ(t.run("div.portable"), Error::ok) << t.message();
  // 3.5 -> 3, -3.5 -> -3, -3.5 -> -3, 3.5 -> 3; -2^31 / -1 = 2^31 wraps to -2^31
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{3, -3, -3, 3, std::numeric_limits<int32_t>::min()}));
}

TEST(DivKernel, BroadcastsAScalarDivisor) {
  KernelTester t;
  t.input<uint8_t>({2, 2}, {10, 20, 200, 40}).input<uint8_t>({}, {7}).output<uint8_t>({2, 2});
  ASSERT_EQ(t.run("div.portable"), Error::ok) << t.message();
  // 10/7 = 1, 20/7 = 2, 200/7 = 28 (196), 40/7 = 5 (35)
  EXPECT_EQ(t.output_values<uint8_t>(), (std::vector<uint8_t>{1, 2, 28, 5}));
}

TEST(DivKernel, RejectsAnIntegerDivisorOfZero) {
  KernelTester t;
  t.input<int64_t>({2}, {1, 2}).input<int64_t>({2}, {1, 0}).output<int64_t>({2});
  EXPECT_EQ(t.run("div.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "integer division by zero");
}

}  // namespace
}  // namespace ingot::rt
