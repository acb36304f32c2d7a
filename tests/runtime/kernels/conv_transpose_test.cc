#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

using Ints = std::vector<int64_t>;

void set_window(KernelTester& t, Ints strides, Ints pads, Ints dilations, Ints output_padding, int group) {
  t.attr("strides", std::move(strides)).attr("pads", std::move(pads)).attr("dilations", std::move(dilations));
  t.attr("output_padding", std::move(output_padding)).attr("group", group);
}

TEST(ConvTransposeKernel, OneDimFullCorrelation) {
  // Each x[i] adds x[i] * [1 1 1] at i..i+2; out = 1*(3-1) + 3 = 5.
  // [1 1 1 0 0] + [0 2 2 2 0] + [0 0 3 3 3] = [1 3 6 5 3]
  KernelTester t;
  t.input<float>({1, 1, 3}, {1, 2, 3}).input<float>({1, 1, 3}, {1, 1, 1}).output<float>({1, 1, 5});
  set_window(t, {1}, {0, 0}, {1}, {0}, 1);
  ASSERT_EQ(t.run("conv_transpose.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 3, 6, 5, 3}));
}

TEST(ConvTransposeKernel, StridePadsOutputPaddingAndBias) {
  // Full output: 2*(2-1) + 1 (output_padding) + 2 = 5 positions; x[0]=1 puts
  // [1 10] at 0..1, x[1]=2 puts [2 20] at 2..3: [1 10 2 20 0]. The pads drop
  // one position at each end: [10 2 20], then bias 0.5 -> [10.5 2.5 20.5].
  KernelTester t;
  t.input<float>({1, 1, 2}, {1, 2}).input<float>({1, 1, 2}, {1, 10}).input<float>({1}, {0.5f});
  t.output<float>({1, 1, 3});
  set_window(t, {2}, {1, 1}, {1}, {1}, 1);
  ASSERT_EQ(t.run("conv_transpose.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{10.5f, 2.5f, 20.5f}));
}

TEST(ConvTransposeKernel, OutputPaddingPositionGetsOnlyTheBias) {
  // As above without pads: [1 10 2 20 0] + bias 0.5 = [1.5 10.5 2.5 20.5 0.5].
  KernelTester t;
  t.input<float>({1, 1, 2}, {1, 2}).input<float>({1, 1, 2}, {1, 10}).input<float>({1}, {0.5f});
  t.output<float>({1, 1, 5});
  set_window(t, {2}, {0, 0}, {1}, {1}, 1);
  ASSERT_EQ(t.run("conv_transpose.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1.5f, 10.5f, 2.5f, 20.5f, 0.5f}));
}

TEST(ConvTransposeKernel, Dilation) {
  // Kernel [1 3] dilated by 2 covers 3; out = (2-1) + 3 = 4.
  // x[0]=1 puts 1 at 0 and 3 at 2; x[1]=2 puts 2 at 1 and 6 at 3: [1 2 3 6].
  KernelTester t;
  t.input<float>({1, 1, 2}, {1, 2}).input<float>({1, 1, 2}, {1, 3}).output<float>({1, 1, 4});
  set_window(t, {1}, {0, 0}, {2}, {0}, 1);
  ASSERT_EQ(t.run("conv_transpose.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 2, 3, 6}));
}

TEST(ConvTransposeKernel, GroupsAndChannelSums) {
  // w is [C, M/group, k]. Two groups, x = [1 2] (one per channel):
  // channel 0 feeds outputs 0,1 with w[0] = [3 4] -> 3, 4;
  // channel 1 feeds outputs 2,3 with w[1] = [5 6] -> 10, 12.
  KernelTester grouped;
  grouped.input<float>({1, 2, 1}, {1, 2}).input<float>({2, 2, 1}, {3, 4, 5, 6}).output<float>({1, 4, 1});
  set_window(grouped, {1}, {0, 0}, {1}, {0}, 2);
  ASSERT_EQ(grouped.run("conv_transpose.portable"), Error::ok) << grouped.message();
  EXPECT_EQ(grouped.output_values<float>(), (std::vector<float>{3, 4, 10, 12}));
  // One group: the single output sums both channels, 1*3 + 2*5 = 13.
  KernelTester single;
  single.input<float>({1, 2, 1}, {1, 2}).input<float>({2, 1, 1}, {3, 5}).output<float>({1, 1, 1});
  set_window(single, {1}, {0, 0}, {1}, {0}, 1);
  ASSERT_EQ(single.run("conv_transpose.portable"), Error::ok) << single.message();
  EXPECT_EQ(single.output_values<float>(), (std::vector<float>{13}));
}

TEST(ConvTransposeKernel, TwoDims) {
  // x = [[1 2] [3 4]], a 2x2 kernel of ones: each x spreads over a 2x2 block.
  // [[1, 1+2, 2], [1+3, 1+2+3+4, 2+4], [3, 3+4, 4]]
  KernelTester t;
  t.input<float>({1, 1, 2, 2}, {1, 2, 3, 4}).input<float>({1, 1, 2, 2}, {1, 1, 1, 1}).output<float>({1, 1, 3, 3});
  set_window(t, {1, 1}, {0, 0, 0, 0}, {1, 1}, {0, 0}, 1);
  ASSERT_EQ(t.run("conv_transpose.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 3, 2, 4, 10, 6, 3, 7, 4}));
}

TEST(ConvTransposeKernel, RejectsAnOutputTheWindowDoesNotGive) {
  // 1*(3-1) + 0 + 3 - 0 = 5 outputs, not 4.
  KernelTester t;
  t.input<float>({1, 1, 3}, {1, 2, 3}).input<float>({1, 1, 3}, {1, 1, 1}).output<float>({1, 1, 4});
  set_window(t, {1}, {0, 0}, {1}, {0}, 1);
  EXPECT_EQ(t.run("conv_transpose.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "spatial dim 0: the output has 4, the window gives 5");
}

}  // namespace
}  // namespace ingot::rt
