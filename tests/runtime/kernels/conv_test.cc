#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using ::testing::FloatNear;
using ::testing::Pointwise;
using testing::KernelTester;

using Ints = std::vector<int64_t>;

TEST(ConvKernel, TwoDimsWithoutPadding) {
  // x = 0..24 as 5x5, a 3x3 kernel of ones: each output is a window sum.
  // (0,0): 0+1+2+5+6+7+10+11+12 = 54; one step right adds 9 (nine elements
  // each +1), one step down adds 45 (nine elements each +5).
  std::vector<float> x(25);
  for (int i = 0; i < 25; ++i) x[i] = static_cast<float>(i);
  KernelTester t;
  t.input<float>({1, 1, 5, 5}, x).input<float>({1, 1, 3, 3}, std::vector<float>(9, 1.0f)).output<float>({1, 1, 3, 3});
  t.attr("strides", Ints{1, 1}).attr("pads", Ints{0, 0, 0, 0}).attr("dilations", Ints{1, 1}).attr("group", 1);
  ASSERT_EQ(t.run("conv.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{54, 63, 72, 99, 108, 117, 144, 153, 162}));
}

TEST(ConvKernel, OneDimStrideDilationAsymmetricPadsAndBias) {
  // x = [1 2 3 4 5] padded by one zero at the front: positions -1..4.
  // Kernel [3 1] dilated by 2 covers 3; (6 - 3) / 2 + 1 = 2 outputs.
  // o=0 reads positions -1, 1: 0*3 + 2*1 = 2, + bias 0.5 = 2.5
  // o=1 reads positions 1, 3: 2*3 + 4*1 = 10, + bias 0.5 = 10.5
  KernelTester t;
  t.input<float>({1, 1, 5}, {1, 2, 3, 4, 5}).input<float>({1, 1, 2}, {3, 1}).input<float>({1}, {0.5f});
  t.output<float>({1, 1, 2});
  t.attr("strides", Ints{2}).attr("pads", Ints{1, 0}).attr("dilations", Ints{2}).attr("group", 1);
  ASSERT_EQ(t.run("conv.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{2.5f, 10.5f}));
}

TEST(ConvKernel, GroupsPickTheirInputChannels) {
  // Two groups: outputs 0,1 see channel 0 = [1 2 3], outputs 2,3 channel 1 = [4 5 6].
  // m0 [1 1]: [1+2, 2+3] = [3 5]    m1 [1 0]: [1 2]
  // m2 [0 1]: [5 6]                 m3 [1 -1]: [4-5, 5-6] = [-1 -1]
  KernelTester t;
  t.input<float>({1, 2, 3}, {1, 2, 3, 4, 5, 6}).input<float>({4, 1, 2}, {1, 1, 1, 0, 0, 1, 1, -1});
  t.absent_input().output<float>({1, 4, 2});
  t.attr("strides", Ints{1}).attr("pads", Ints{0, 0}).attr("dilations", Ints{1}).attr("group", 2);
  ASSERT_EQ(t.run("conv.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{3, 5, 1, 2, 5, 6, -1, -1}));
}

TEST(ConvKernel, SumsInputChannelsPerBatch) {
  // 1x1 kernel over two channels, weights [10 100]:
  // n0: 1*10 + 2*100 = 210; n1: 3*10 + 4*100 = 430.
  KernelTester t;
  t.input<double>({2, 2, 1, 1}, {1, 2, 3, 4}).input<double>({1, 2, 1, 1}, {10, 100}).output<double>({2, 1, 1, 1});
  t.attr("strides", Ints{1, 1}).attr("pads", Ints{0, 0, 0, 0}).attr("dilations", Ints{1, 1}).attr("group", 1);
  ASSERT_EQ(t.run("conv.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<double>(), (std::vector<double>{210, 430}));
}

TEST(ConvKernel, ThreeDimsWithEndPadding) {
  // x = 1..8 as 2x2x2, a 2x2x2 kernel of ones, one zero of padding at the
  // end of the last dim: outputs [1, 1, 2] along it.
  // o=0: the whole cube, 1+...+8 = 36; o=1: the elements with last index 1
  // (plus padding): 2+4+6+8 = 20.
  KernelTester t;
  t.input<float>({1, 1, 2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8}).input<float>({1, 1, 2, 2, 2}, std::vector<float>(8, 1.0f));
  t.output<float>({1, 1, 1, 1, 2});
  t.attr("strides", Ints{1, 1, 1}).attr("pads", Ints{0, 0, 0, 0, 0, 1}).attr("dilations", Ints{1, 1, 1}).attr("group", 1);
  ASSERT_EQ(t.run("conv.portable"), Error::ok) << t.message();
  EXPECT_THAT(t.output_values<float>(), Pointwise(FloatNear(1e-6f), std::vector<float>{36, 20}));
}

TEST(ConvKernel, Int32AccumulatesInIntegers) {
  // [1 -2 3] with kernel [4 5]: 1*4 + -2*5 = -6; -2*4 + 3*5 = 7; bias 100.
  KernelTester t;
  t.input<int32_t>({1, 1, 3}, {1, -2, 3}).input<int32_t>({1, 1, 2}, {4, 5}).input<int32_t>({1}, {100});
  t.output<int32_t>({1, 1, 2});
  t.attr("strides", Ints{1}).attr("pads", Ints{0, 0}).attr("dilations", Ints{1}).attr("group", 1);
  ASSERT_EQ(t.run("conv.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{94, 107}));
}

TEST(ConvKernel, RejectsAnOutputTheWindowDoesNotGive) {
  // (5 - 3) / 1 + 1 = 3 outputs, not 4.
  KernelTester t;
  t.input<float>({1, 1, 5}, {1, 2, 3, 4, 5}).input<float>({1, 1, 3}, {1, 1, 1}).output<float>({1, 1, 4});
  t.attr("strides", Ints{1}).attr("pads", Ints{0, 0}).attr("dilations", Ints{1}).attr("group", 1);
  EXPECT_EQ(t.run("conv.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "spatial dim 0: the output has 4, the window gives 3");
}

TEST(ConvKernel, RejectsChannelsThatDoNotMatchTheGroups) {
  KernelTester t;
  t.input<float>({1, 3, 2}, {1, 2, 3, 4, 5, 6}).input<float>({2, 1, 1}, {1, 1}).output<float>({1, 2, 2});
  t.attr("group", 2);
  EXPECT_EQ(t.run("conv.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
