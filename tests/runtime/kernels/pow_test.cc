// Kernel tests of pow: expected values worked out by hand from the op's definition.
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

TEST(PowKernel, Floats) {
  KernelTester t;
  t.input<float>({3}, {2.0f, 4.0f, 9.0f}).input<float>({3}, {3.0f, 0.5f, -0.5f}).output<float>({3});
  ASSERT_EQ(t.run("pow.portable"), Error::ok) << t.message();
  // 2^3, sqrt(4), 1/sqrt(9)
  testing::expect_near(t.output_values<float>(), {8.0f, 2.0f, 0.33333334f});
}

TEST(PowKernel, FloatBaseIntegerExponent) {
  KernelTester t;
  t.input<float>({2}, {2.0f, 3.0f}).input<int64_t>({2}, {3, 2}).output<float>({2});
  ASSERT_EQ(t.run("pow.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{8.0f, 9.0f}));
}

TEST(PowKernel, IntegerBaseFloatExponentTruncates) {
  KernelTester t;
  t.input<int32_t>({2}, {2, 3}).input<float>({2}, {0.5f, 2.0f}).output<int32_t>({2});
  ASSERT_EQ(t.run("pow.portable"), Error::ok) << t.message();
  // 2^0.5 = 1.414.. -> 1; 3^2 = 9
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{1, 9}));
}

TEST(PowKernel, IntegerPowersAreExact) {
  KernelTester t;
  t.input<int64_t>({7}, {3, -2, 2, 1, -1, 5, 3}).input<int64_t>({7}, {4, 3, -1, -5, -3, 0, 39}).output<int64_t>({7});
  ASSERT_EQ(t.run("pow.portable"), Error::ok) << t.message();
  // 3^4 = 81, (-2)^3 = -8, 2^-1 = 0.5 -> 0, 1^-5 = 1, (-1)^-3 = -1, 5^0 = 1,
  // 3^39 = 3^30 * 3^9 = 205891132094649 * 19683 (more bits than a double holds)
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{81, -8, 0, 1, -1, 1, 4052555153018976267}));
}

TEST(PowKernel, Broadcasts) {
  KernelTester t;
  t.input<int32_t>({2, 1}, {2, 3}).input<int32_t>({2}, {1, 2}).output<int32_t>({2, 2});
  ASSERT_EQ(t.run("pow.portable"), Error::ok) << t.message();
  // 2^1, 2^2, 3^1, 3^2
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{2, 4, 3, 9}));
}

TEST(PowKernel, RejectsABaseOfAnotherDtype) {
  KernelTester t;
  t.input<int32_t>({1}, {2}).input<float>({1}, {2}).output<float>({1});
  EXPECT_EQ(t.run("pow.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the base must have the result's dtype");
}

}  // namespace
}  // namespace ingot::rt
