#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(QuantizeKernel, PerTensorSaturatesToU8) {
  // ONNX's example, scale 2, zero point 128: x / 2 = 0, 1, 1.5 -> 2 (half to
  // even), 500, -127, -500; + 128 and saturated to [0, 255].
  KernelTester t;
  t.input<float>({6}, {0, 2, 3, 1000, -254, -1000}).input<float>({}, {2}).input<uint8_t>({}, {128});
  t.output<uint8_t>({6}).attr("axis", 0);
  ASSERT_EQ(t.run("quantize.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<uint8_t>(), (std::vector<uint8_t>{128, 129, 130, 255, 1, 0}));
}

TEST(QuantizeKernel, RoundsHalfToEvenIntoI8) {
  // -2.5 -> -2, -1.5 -> -2, -0.5 -> 0, 0.5 -> 0, 1.5 -> 2, 2.5 -> 2; 300 saturates to 127.
  KernelTester t;
  t.input<float>({7}, {-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f, 300}).input<float>({1}, {1}).input<int8_t>({1}, {0});
  t.output<int8_t>({7}).attr("axis", 0);
  ASSERT_EQ(t.run("quantize.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int8_t>(), (std::vector<int8_t>{-2, -2, 0, 0, 2, 2, 127}));
}

TEST(QuantizeKernel, WithoutZeroPointIsU8) {
  // scale 0.5: -1 / 0.5 = -2 -> 0 (saturated), 1.4 / 0.5 = 2.8 -> 3, 1.6 / 0.5 = 3.2 -> 3.
  KernelTester t;
  t.input<float>({3}, {-1, 1.4f, 1.6f}).input<float>({}, {0.5f});
  t.output<uint8_t>({3}).attr("axis", 0);
  ASSERT_EQ(t.run("quantize.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<uint8_t>(), (std::vector<uint8_t>{0, 3, 3}));
}

TEST(QuantizeKernel, PerAxis) {
  // x [[1 2] [3 4]], scale [1 2] and zero point [0 10] along axis 1:
  // [[1/1 + 0, 2/2 + 10] [3/1 + 0, 4/2 + 10]] = [[1 11] [3 12]].
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).input<float>({2}, {1, 2}).input<uint8_t>({2}, {0, 10});
  t.output<uint8_t>({2, 2}).attr("axis", 1);
  ASSERT_EQ(t.run("quantize.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<uint8_t>(), (std::vector<uint8_t>{1, 11, 3, 12}));

  // Along axis 0: row 1 uses scale 2 and zero point 10: 3/2 = 1.5 -> 2 + 10, 4/2 + 10.
  KernelTester rows;
  rows.input<float>({2, 2}, {1, 2, 3, 4}).input<float>({2}, {1, 2}).input<uint8_t>({2}, {0, 10});
  rows.output<uint8_t>({2, 2}).attr("axis", 0);
  ASSERT_EQ(rows.run("quantize.portable"), Error::ok) << rows.message();
  EXPECT_EQ(rows.output_values<uint8_t>(), (std::vector<uint8_t>{1, 2, 12, 12}));
}

TEST(QuantizeKernel, RejectsAScaleThatDoesNotFitTheAxis) {
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).input<float>({3}, {1, 2, 3});
  t.output<uint8_t>({2, 2}).attr("axis", 1);
  EXPECT_EQ(t.run("quantize.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the scale has 3 entries but axis 1 has 2");
}

}  // namespace
}  // namespace ingot::rt
