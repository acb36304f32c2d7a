// Kernel tests of leaky_relu: expected values worked out by hand from the op's definition.
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

TEST(LeakyReluKernel, ScalesNegatives) {
  KernelTester t;
  t.input<float>({4}, {-2.0f, 0.0f, 3.0f, -0.5f}).output<float>({4}).attr("alpha", 0.1);
  ASSERT_EQ(t.run("leaky_relu.portable"), Error::ok) << t.message();
  // -2 * 0.1, 0, 3, -0.5 * 0.1
  testing::expect_near(t.output_values<float>(), {-0.2f, 0.0f, 3.0f, -0.05f});
}

TEST(LeakyReluKernel, DefaultAlpha) {
  KernelTester t;
  t.input<double>({1}, {-1.0}).output<double>({1});
  ASSERT_EQ(t.run("leaky_relu.portable"), Error::ok) << t.message();
  // ONNX's default alpha 0.01
  testing::expect_near(t.output_values<double>(), {-0.01}, 1e-15);
}

TEST(LeakyReluKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {-1}).output<int32_t>({1}).attr("alpha", 0.1);
  EXPECT_EQ(t.run("leaky_relu.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt
