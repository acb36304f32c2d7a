#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(DequantizeKernel, PerTensorU8) {
  // ONNX's example: (x - 128) * 2 for x = 0, 3, 128, 255.
  KernelTester t;
  t.input<uint8_t>({4}, {0, 3, 128, 255}).input<float>({}, {2}).input<uint8_t>({}, {128});
  t.output<float>({4}).attr("axis", 0);
  ASSERT_EQ(t.run("dequantize.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{-256, -250, 0, 254}));
}

TEST(DequantizeKernel, I8WithoutZeroPoint) {
  // x * 0.5 for -128, 0, 127.
  KernelTester t;
  t.input<int8_t>({3}, {-128, 0, 127}).input<float>({1}, {0.5f});
  t.output<float>({3}).attr("axis", 0);
  ASSERT_EQ(t.run("dequantize.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{-64, 0, 63.5f}));
}

TEST(DequantizeKernel, PerAxis) {
  // x [[10 20] [30 40]], scale [1 0.5] and zero point [10 20] along axis 1:
  // [[(10-10)*1, (20-20)*0.5] [(30-10)*1, (40-20)*0.5]] = [[0 0] [20 10]].
  KernelTester t;
  t.input<uint8_t>({2, 2}, {10, 20, 30, 40}).input<float>({2}, {1, 0.5f}).input<uint8_t>({2}, {10, 20});
  t.output<float>({2, 2}).attr("axis", 1);
  ASSERT_EQ(t.run("dequantize.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{0, 0, 20, 10}));
}

TEST(DequantizeKernel, I32ToF64) {
  // 4 * 0.25 = 1, -8 * 0.25 = -2.
  KernelTester t;
  t.input<int32_t>({2}, {4, -8}).input<double>({}, {0.25});
  t.output<double>({2}).attr("axis", 0);
  ASSERT_EQ(t.run("dequantize.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<double>(), (std::vector<double>{1, -2}));
}

TEST(DequantizeKernel, RejectsAZeroPointOfAnotherDtype) {
  KernelTester t;
  t.input<uint8_t>({2}, {1, 2}).input<float>({}, {1}).input<int8_t>({}, {0});
  t.output<float>({2}).attr("axis", 0);
  EXPECT_EQ(t.run("dequantize.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the zero point must have x's dtype");
}

}  // namespace
}  // namespace ingot::rt
