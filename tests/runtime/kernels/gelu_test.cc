// Kernel tests of gelu: expected values worked out by hand from the op's definition.
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

TEST(GeluKernel, Erf) {
  KernelTester t;
  t.input<float>({4}, {0.0f, 1.0f, -1.0f, 2.0f}).output<float>({4}).attr("approximate", "none");
  ASSERT_EQ(t.run("gelu.portable"), Error::ok) << t.message();
  // 0.5 x (1 + erf(x / sqrt 2)): erf(0.70710678) = 0.68268949 (the 1-sigma
  // mass), erf(1.41421356) = 0.95449974 (2-sigma): 0.5 * 1.68268949,
  // -0.5 * 0.31731051, 1 * 1.95449974
  testing::expect_near(t.output_values<float>(), {0.0f, 0.84134475f, -0.15865525f, 1.95449974f});
}

TEST(GeluKernel, Tanh) {
  KernelTester t;
  t.input<float>({3}, {1.0f, -1.0f, 0.0f}).output<float>({3}).attr("approximate", "tanh");
  ASSERT_EQ(t.run("gelu.portable"), Error::ok) << t.message();
  // sqrt(2/pi) (1 + 0.044715) = 0.79788456 * 1.044715 = 0.83356226;
  // tanh(0.83356226) = 0.68238398: 0.5 * 1.68238398 = 0.84119199 and, odd
  // inside, -0.5 * (1 - 0.68238398) = -0.15880801
  testing::expect_near(t.output_values<float>(), {0.84119199f, -0.15880801f, 0.0f});
}

TEST(GeluKernel, RejectsAnUnknownApproximation) {
  KernelTester t;
  t.input<float>({1}, {1.0f}).output<float>({1}).attr("approximate", "sigmoid");
  EXPECT_EQ(t.run("gelu.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "unknown approximate 'sigmoid' (none or tanh)");
}

}  // namespace
}  // namespace ingot::rt
