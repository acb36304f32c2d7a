// Kernel tests of mod: expected values worked out by hand from the op's definition.
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

TEST(ModKernel, IntegersTakeTheDivisorsSign) {
  KernelTester t;
  t.input<int32_t>({6}, {-4, 7, 5, -5, 4, 0}).input<int32_t>({6}, {3, -3, 3, -3, 7, 5}).output<int32_t>({6}).attr("fmod", 0);
  ASSERT_EQ(t.run("mod.portable"), Error::ok) << t.message();
  // Python %: -4 = 3*-2 + 2; 7 = -3*-3 + -2; 5 = 3*1 + 2; -5 = -3*1 + -2; 4 = 7*0 + 4; 0
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{2, -2, 2, -2, 4, 0}));
}

TEST(ModKernel, FmodTakesTheDividendsSign) {
  KernelTester t;
  t.input<int32_t>({6}, {-4, 7, 5, -5, 4, std::numeric_limits<int32_t>::min()})
      .input<int32_t>({6}, {3, -3, 3, -3, 7, -1})
      .output<int32_t>({6})
      .attr("fmod", 1);
  ASSERT_EQ(t.run("mod.portable"), Error::ok) << t.message();
  // C %: -4 = 3*-1 + -1; 7 = -3*-2 + 1; 5 = 3*1 + 2; -5 = -3*1 + -2; 4; anything % -1 = 0
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{-1, 1, 2, -2, 4, 0}));
}

TEST(ModKernel, Floats) {
  KernelTester t;
  t.input<float>({2}, {-4.5f, 7.5f}).input<float>({2}, {2.0f, -2.0f}).output<float>({2}).attr("fmod", 1);
  ASSERT_EQ(t.run("mod.portable"), Error::ok) << t.message();
  // fmod: -4.5 = 2*-2 + -0.5; 7.5 = -2*-3 + 1.5
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{-0.5f, 1.5f}));

  KernelTester p;
  p.input<float>({2}, {-4.5f, 7.5f}).input<float>({2}, {2.0f, -2.0f}).output<float>({2}).attr("fmod", 0);
  ASSERT_EQ(p.run("mod.portable"), Error::ok) << p.message();
  // Divisor's sign: -0.5 + 2 = 1.5; 1.5 + -2 = -0.5
  EXPECT_EQ(p.output_values<float>(), (std::vector<float>{1.5f, -0.5f}));
}

TEST(ModKernel, BroadcastsUnsigned) {
  KernelTester t;
  t.input<uint8_t>({2, 2}, {5, 6, 200, 8}).input<uint8_t>({2}, {3, 7}).output<uint8_t>({2, 2}).attr("fmod", 0);
  ASSERT_EQ(t.run("mod.portable"), Error::ok) << t.message();
  // 5%3, 6%7, 200%3 (198 = 3*66), 8%7
  EXPECT_EQ(t.output_values<uint8_t>(), (std::vector<uint8_t>{2, 6, 2, 1}));
}

TEST(ModKernel, RejectsAnIntegerDivisorOfZero) {
  KernelTester t;
  t.input<int16_t>({2}, {1, 2}).input<int16_t>({}, {0}).output<int16_t>({2}).attr("fmod", 0);
  EXPECT_EQ(t.run("mod.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "integer modulo by zero");
}

}  // namespace
}  // namespace ingot::rt
