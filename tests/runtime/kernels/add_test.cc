// Kernel tests of add: expected values worked out by hand from the op's definition.
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

TEST(AddKernel, SameShapeF32) {
  KernelTester t;
  t.input<float>({3}, {1.5f, -2.0f, 3.0f}).input<float>({3}, {0.25f, 2.0f, -1.0f}).output<float>({3});
  ASSERT_EQ(t.run("add.portable"), Error::ok) << t.message();
  // 1.5 + 0.25, -2 + 2, 3 + -1
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1.75f, 0.0f, 2.0f}));
}

TEST(AddKernel, BroadcastsColumnAgainstRow) {
  KernelTester t;
  t.input<int32_t>({2, 1}, {1, 2}).input<int32_t>({3}, {10, 20, 30}).output<int32_t>({2, 3});
  ASSERT_EQ(t.run("add.portable"), Error::ok) << t.message();
  // y[i][j] = a[i] + b[j]
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{11, 21, 31, 12, 22, 32}));
}

TEST(AddKernel, BroadcastsAMiddleDim) {
  KernelTester t;
  t.input<int64_t>({2, 3, 2}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
      .input<int64_t>({3, 1}, {100, 200, 300})
      .output<int64_t>({2, 3, 2});
  ASSERT_EQ(t.run("add.portable"), Error::ok) << t.message();
  // y[i][j][k] = a[i][j][k] + b[j]: rows of a are {0,1} {2,3} {4,5} {6,7} {8,9} {10,11}
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{100, 101, 202, 203, 304, 305, 106, 107, 208, 209, 310, 311}));
}

TEST(AddKernel, RankZeroOperandBroadcastsEverywhere) {
  KernelTester t;
  t.input<double>({}, {0.5}).input<double>({2, 2}, {1, 2, 3, 4}).output<double>({2, 2});
  ASSERT_EQ(t.run("add.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<double>(), (std::vector<double>{1.5, 2.5, 3.5, 4.5}));
}

TEST(AddKernel, EmptyResultWritesNothing) {
  KernelTester t;
  t.input<float>({0, 3}, {}).input<float>({3}, {1, 2, 3}).output<float>({0, 3});
  EXPECT_EQ(t.run("add.portable"), Error::ok) << t.message();
}

TEST(AddKernel, IntegersWrap) {
  KernelTester t;
  t.input<int8_t>({2}, {127, -128}).input<int8_t>({2}, {1, -1}).output<int8_t>({2});
  ASSERT_EQ(t.run("add.portable"), Error::ok) << t.message();
  // 127 + 1 = 128 = -128 mod 256; -128 - 1 = -129 = 127 mod 256
  EXPECT_EQ(t.output_values<int8_t>(), (std::vector<int8_t>{-128, 127}));
}

TEST(AddKernel, Half) {
  KernelTester t;
  t.input_bytes(DType::f16, {2}, testing::f16_bytes({1.5f, -0.5f}))
      .input_bytes(DType::f16, {2}, testing::f16_bytes({2.25f, 0.25f}))
      .output(DType::f16, {2});
  ASSERT_EQ(t.run("add.portable"), Error::ok) << t.message();
  // Exact in binary16: 1.5 + 2.25, -0.5 + 0.25
  EXPECT_EQ(testing::f16_values(t.output_bytes()), (std::vector<float>{3.75f, -0.25f}));
}

TEST(AddKernel, RejectsShapesThatDoNotBroadcast) {
  KernelTester t;
  t.input<float>({3}, {1, 2, 3}).input<float>({2}, {1, 2}).output<float>({3});
  EXPECT_EQ(t.run("add.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "operand shapes do not broadcast to the result's (or rank above 8)");
}

TEST(AddKernel, RejectsAnOperandOfAnotherDtype) {
  KernelTester t;
  t.input<float>({2}, {1, 2}).input<double>({2}, {1, 2}).output<float>({2});
  EXPECT_EQ(t.run("add.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "operands must have the result's dtype f32");
}

}  // namespace
}  // namespace ingot::rt
