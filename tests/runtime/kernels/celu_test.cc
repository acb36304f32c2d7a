// Kernel tests of celu: expected values worked out by hand from the op's definition.
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

TEST(CeluKernel, Alpha2) {
  KernelTester t;
  t.input<float>({3}, {-2.0f, 0.0f, 3.0f}).output<float>({3}).attr("alpha", 2.0);
  ASSERT_EQ(t.run("celu.portable"), Error::ok) << t.message();
  // max(0, -2) + min(0, 2 * (e^(-2/2) - 1)) = 2 * (0.36787944 - 1) = -1.26424112; 0; 3 + min(0, 2(e^1.5 - 1)) = 3
  testing::expect_near(t.output_values<float>(), {-1.26424112f, 0.0f, 3.0f});
}

TEST(CeluKernel, DefaultAlpha) {
  KernelTester t;
  t.input<float>({1}, {-1.0f}).output<float>({1});
  ASSERT_EQ(t.run("celu.portable"), Error::ok) << t.message();
  // e^-1 - 1
  testing::expect_near(t.output_values<float>(), {-0.63212056f});
}

TEST(CeluKernel, RejectsAlphaZero) {
  KernelTester t;
  t.input<float>({1}, {-1.0f}).output<float>({1}).attr("alpha", 0.0);
  EXPECT_EQ(t.run("celu.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "alpha must not be 0");
}

}  // namespace
}  // namespace ingot::rt
