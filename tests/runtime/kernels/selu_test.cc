// Kernel tests of selu: expected values worked out by hand from the op's definition.
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

TEST(SeluKernel, GivenAlphaAndGamma) {
  KernelTester t;
  t.input<float>({3}, {-1.0f, 0.0f, 1.0f}).output<float>({3}).attr("alpha", 2.0).attr("gamma", 3.0);
  ASSERT_EQ(t.run("selu.portable"), Error::ok) << t.message();
  // 3 * 2 * (e^-1 - 1) = 6 * -0.63212056 = -3.79272335; 0; 3 * 1
  testing::expect_near(t.output_values<float>(), {-3.79272335f, 0.0f, 3.0f});
}

TEST(SeluKernel, DefaultAlphaAndGamma) {
  KernelTester t;
  t.input<double>({2}, {1.0, -1.0}).output<double>({2});
  ASSERT_EQ(t.run("selu.portable"), Error::ok) << t.message();
  // gamma = 1.05070102; gamma * alpha * (e^-1 - 1) = 1.05070102 * 1.67326319 * -0.63212056
  testing::expect_near(t.output_values<double>(), {1.05070102, -1.11133074}, 1e-7);
}

TEST(SeluKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {-1}).output<int32_t>({1});
  EXPECT_EQ(t.run("selu.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
