#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using ::testing::DoubleNear;
using ::testing::FloatNear;
using ::testing::Pointwise;
using testing::KernelTester;

TEST(SoftmaxKernel, LastAxis) {
  KernelTester t;
  t.input<float>({2, 2}, {0, std::log(3.0f), 5, 5}).output<float>({2, 2});
  t.attr("axis", 1);
  ASSERT_EQ(t.run("softmax.portable"), Error::ok) << t.message();
  // e^0 : e^ln3 = 1 : 3, equal values share evenly
  EXPECT_THAT(t.output_values<float>(), Pointwise(FloatNear(1e-6), std::vector<float>{0.25f, 0.75f, 0.5f, 0.5f}));
}

TEST(SoftmaxKernel, MiddleAxis) {
  KernelTester t;
  // x[0, :, 0] = (0, ln 3), x[0, :, 1] = (5, 5)
  t.input<double>({1, 2, 2}, {0, 5, std::log(3.0), 5}).output<double>({1, 2, 2});
  t.attr("axis", 1);
  ASSERT_EQ(t.run("softmax.portable"), Error::ok) << t.message();
  EXPECT_THAT(t.output_values<double>(), Pointwise(DoubleNear(1e-12), std::vector<double>{0.25, 0.5, 0.75, 0.5}));
}

TEST(SoftmaxKernel, LargeValuesDoNotOverflow) {
  KernelTester t;
  t.input<float>({2}, {1000, 1001}).output<float>({2});
  t.attr("axis", 0);
  ASSERT_EQ(t.run("softmax.portable"), Error::ok) << t.message();
  // 1 / (1 + e) = 0.26894142, e / (1 + e) = 0.73105858
  EXPECT_THAT(t.output_values<float>(), Pointwise(FloatNear(1e-6), std::vector<float>{0.26894142f, 0.73105858f}));
}

TEST(SoftmaxKernel, BFloat16ComputesThroughFloat) {
  KernelTester t;
  // bf16 bits, little-endian: 7.0 = 0x40E0 twice; each gets 1/2 = 0.5 = 0x3F00.
  t.input_bytes(DType::bf16, {2}, {0xE0, 0x40, 0xE0, 0x40}).output(DType::bf16, {2});
  t.attr("axis", 0);
  ASSERT_EQ(t.run("softmax.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_bytes(), (std::vector<uint8_t>{0x00, 0x3F, 0x00, 0x3F}));
}

TEST(SoftmaxKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({2}, {1, 2}).output<int32_t>({2});
  t.attr("axis", 0);
  EXPECT_EQ(t.run("softmax.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the operand must be a float tensor, not i32");
}

}  // namespace
}  // namespace ingot::rt
