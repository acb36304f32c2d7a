// Kernel tests of abs: expected values worked out by hand from the op's definition.
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

TEST(AbsKernel, Floats) {
  KernelTester t;
  t.input<float>({4}, {-1.5f, 2.0f, -0.0f, -kInf}).output<float>({4});
  ASSERT_EQ(t.run("abs.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1.5f, 2.0f, 0.0f, kInf}));
}

TEST(AbsKernel, Integers) {
  KernelTester t;
  t.input<int32_t>({3}, {-5, 7, std::numeric_limits<int32_t>::min()}).output<int32_t>({3});
  ASSERT_EQ(t.run("abs.portable"), Error::ok) << t.message();
  // |-2^31| = 2^31 does not fit: it wraps to -2^31
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{5, 7, std::numeric_limits<int32_t>::min()}));

  KernelTester u;
  u.input<uint8_t>({2}, {200, 0}).output<uint8_t>({2});
  ASSERT_EQ(u.run("abs.portable"), Error::ok) << u.message();
  EXPECT_EQ(u.output_values<uint8_t>(), (std::vector<uint8_t>{200, 0}));
}

TEST(AbsKernel, RejectsBool) {
  KernelTester t;
  t.input<bool>({1}, {true}).output<bool>({1});
  EXPECT_EQ(t.run("abs.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "bool operands are not supported");
}

}  // namespace
}  // namespace ingot::rt
