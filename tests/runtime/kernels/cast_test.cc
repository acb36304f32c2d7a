// Kernel tests of cast: expected values worked out by hand from the op's definition.
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

TEST(CastKernel, FloatToIntegerTruncatesTowardZero) {
  KernelTester t;
  t.input<float>({4}, {1.9f, -1.9f, 0.5f, -0.0f}).output<int32_t>({4}).attr("to", "i32");
  ASSERT_EQ(t.run("cast.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{1, -1, 0, 0}));
}

TEST(CastKernel, FloatToIntegerSaturates) {
  KernelTester t;
  t.input<double>({4}, {255.9, -1.0, 1e10, kNaN}).output<uint8_t>({4}).attr("to", "u8");
  ASSERT_EQ(t.run("cast.portable"), Error::ok) << t.message();
  // 255.9 -> 255; out of range saturates (ONNX leaves it undefined); NaN -> 0
  EXPECT_EQ(t.output_values<uint8_t>(), (std::vector<uint8_t>{255, 0, 255, 0}));
}

TEST(CastKernel, ToAndFromBool) {
  KernelTester t;
  t.input<float>({4}, {0.0f, -0.0f, 0.5f, kNaN}).output<bool>({4}).attr("to", "bool");
  ASSERT_EQ(t.run("cast.portable"), Error::ok) << t.message();
  // x != 0: NaN is not 0
  EXPECT_EQ(t.output_bytes(), (Bytes{0, 0, 1, 1}));

  KernelTester b;
  b.input<bool>({2}, {true, false}).output<double>({2}).attr("to", "f64");
  ASSERT_EQ(b.run("cast.portable"), Error::ok) << b.message();
  EXPECT_EQ(b.output_values<double>(), (std::vector<double>{1.0, 0.0}));
}

TEST(CastKernel, IntegerToIntegerWraps) {
  KernelTester t;
  t.input<int64_t>({3}, {300, -129, -1}).output<int8_t>({3}).attr("to", "i8");
  ASSERT_EQ(t.run("cast.portable"), Error::ok) << t.message();
  // 300 - 256 = 44; -129 + 256 = 127; -1 stays
  EXPECT_EQ(t.output_values<int8_t>(), (std::vector<int8_t>{44, 127, -1}));

  KernelTester u;
  u.input<int32_t>({1}, {-1}).output<uint16_t>({1}).attr("to", "u16");
  ASSERT_EQ(u.run("cast.portable"), Error::ok) << u.message();
  EXPECT_EQ(u.output_values<uint16_t>(), (std::vector<uint16_t>{65535}));
}

TEST(CastKernel, FloatToHalfRoundsToNearestEven) {
  KernelTester t;
  t.input<float>({4}, {1.0f, 65504.0f, 1e-8f, 0.1f}).output(DType::f16, {4}).attr("to", "f16");
  ASSERT_EQ(t.run("cast.portable"), Error::ok) << t.message();
  // 1 = 0x3c00; 65504 is the largest half, 0x7bff; 1e-8 is below half the
  // smallest subnormal (2^-25) so 0; 0.1 = 1.6 * 2^-4, mantissa 0.6 * 1024 =
  // 614.4 -> 614 = 0x266, exponent -4 + 15 = 11: 0x2c00 | 0x266 = 0x2e66
  EXPECT_EQ(t.output_bytes(), (Bytes{0x00, 0x3c, 0xff, 0x7b, 0x00, 0x00, 0x66, 0x2e}));
}

TEST(CastKernel, FloatToBFloat16RoundsToNearestEven) {
  KernelTester t;
  t.input<float>({3}, {1.00390625f, 1.01171875f, -2.0f}).output(DType::bf16, {3}).attr("to", "bf16");
  ASSERT_EQ(t.run("cast.portable"), Error::ok) << t.message();
  // bf16 keeps 7 mantissa bits (steps of 2^-7 near 1): 1 + 2^-8 is a tie
  // between 1 and 1 + 2^-7 -> 1 (even); 1 + 3 * 2^-8 a tie between 1 + 2^-7
  // and 1 + 2^-6 -> 1 + 2^-6 = 1.015625 (even)
  EXPECT_EQ(testing::bf16_values(t.output_bytes()), (std::vector<float>{1.0f, 1.015625f, -2.0f}));
}

TEST(CastKernel, HalfToDoubleAndIntegers) {
  KernelTester t;
  t.input_bytes(DType::f16, {2}, testing::f16_bytes({0.099975586f, -2.5f})).output<double>({2}).attr("to", "f64");
  ASSERT_EQ(t.run("cast.portable"), Error::ok) << t.message();
  // 0x2e66 = (1 + 614/1024) * 2^-4 = 0.0999755859375 exactly
  EXPECT_EQ(t.output_values<double>(), (std::vector<double>{0.0999755859375, -2.5}));

  KernelTester i;
  i.input_bytes(DType::f16, {2}, testing::f16_bytes({-2.5f, 7.75f})).output<int16_t>({2}).attr("to", "i16");
  ASSERT_EQ(i.run("cast.portable"), Error::ok) << i.message();
  EXPECT_EQ(i.output_values<int16_t>(), (std::vector<int16_t>{-2, 7}));
}

TEST(CastKernel, RejectsAResultOfAnotherShape) {
  KernelTester t;
  t.input<float>({2}, {1, 2}).output<int32_t>({2, 1}).attr("to", "i32");
  EXPECT_EQ(t.run("cast.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "operand and result shapes differ");
}

}  // namespace
}  // namespace ingot::rt
