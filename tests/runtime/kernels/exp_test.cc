// Kernel tests of exp: expected values worked out by hand from the op's definition.
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

TEST(ExpKernel, F32) {
  KernelTester t;
  std::vector<float> x = {0.0f, 1.0f, -1.0f, 2.0f, -kInf};
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({static_cast<int64_t>(x.size())});
  ASSERT_EQ(t.run("exp.portable"), Error::ok) << t.message();
  // e^0, e, 1/e, e^2, e^-inf
  testing::expect_near(t.output_values<float>(), {1.0f, 2.7182818f, 0.36787944f, 7.3890561f, 0.0f});
}

TEST(ExpKernel, F64) {
  KernelTester t;
  t.input<double>({1, 1}, {0.5}).output<double>({1, 1});
  ASSERT_EQ(t.run("exp.portable"), Error::ok) << t.message();
  // sqrt(e)
  testing::expect_near(t.output_values<double>(), {1.6487212707001282}, 1e-12);
}

TEST(ExpKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("exp.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt

namespace ingot::rt {
namespace {

TEST(ExpKernel, HalfComputesThroughFloat) {
  testing::KernelTester t;
  t.input_bytes(DType::f16, {2}, testing::f16_bytes({0.0f, 1.0f})).output(DType::f16, {2});
  ASSERT_EQ(t.run("exp.portable"), Error::ok) << t.message();
  // e = 2.71828 rounds to the nearest binary16 (steps of 2^-9 in [2, 4)): 1392 * 2^-9 = 2.71875
  EXPECT_EQ(testing::f16_values(t.output_bytes()), (std::vector<float>{1.0f, 2.71875f}));
}

TEST(ExpKernel, RejectsAResultOfAnotherShape) {
  testing::KernelTester t;
  t.input<float>({2}, {0, 1}).output<float>({3});
  EXPECT_EQ(t.run("exp.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "operand and result shapes differ");
}

}  // namespace
}  // namespace ingot::rt
