// Kernel tests of round: expected values worked out by hand from the op's definition.
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

TEST(RoundKernel, HalvesGoToEven) {
  KernelTester t;
  t.input<float>({8}, {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 2.4f, 2.6f, -2.6f}).output<float>({8});
  ASSERT_EQ(t.run("round.portable"), Error::ok) << t.message();
  // Halves: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, -0.5 -> -0, -1.5 -> -2; others to the nearest
  std::vector<float> y = t.output_values<float>();
  EXPECT_EQ(y, (std::vector<float>{0.0f, 2.0f, 2.0f, 0.0f, -2.0f, 2.0f, 3.0f, -3.0f}));
  EXPECT_TRUE(std::signbit(y[3]));  // -0.5 rounds to -0, as numpy does
}

TEST(RoundKernel, NonFiniteValuesPassThrough) {
  KernelTester t;
  t.input<double>({3}, {kInf, -kInf, kNaN}).output<double>({3});
  ASSERT_EQ(t.run("round.portable"), Error::ok) << t.message();
  testing::expect_near(t.output_values<double>(), {kInf, -kInf, kNaN});
}

TEST(RoundKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int64_t>({1}, {1}).output<int64_t>({1});
  EXPECT_EQ(t.run("round.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i64");
}

}  // namespace
}  // namespace ingot::rt
