#include <bit>

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

// A 2-D convolution runs on the kernel's banded 2-D loop; the same one as
// 3-D with a depth of one runs on its general N-d loop. Both must add each
// output's taps in the same order: the same floats, bit for bit. Windows
// with stride, dilation, asymmetric and wide padding, groups, a bias, rows
// wider than one band (2048 sums), and negative zeros in the input.
TEST(ConvKernel, TheTwoDimLoopGivesTheGeneralLoopsBits) {
  struct Case {
    int64_t c, m, group, h, w, kh, kw, sy, sx, dy, dx;
    Ints pads;  // top, left, bottom, right
  };
  const std::vector<Case> cases = {
      {3, 4, 1, 7, 9, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}},  {4, 6, 2, 8, 5, 3, 2, 2, 1, 1, 2, {0, 2, 1, 0}},
      {5, 5, 5, 6, 7, 5, 5, 2, 2, 1, 1, {2, 2, 2, 2}},  {2, 3, 1, 4, 4, 1, 1, 1, 1, 1, 1, {0, 0, 0, 0}},
      {1, 2, 1, 3, 2100, 2, 3, 1, 1, 1, 1, {1, 0, 0, 4}}, {2, 2, 1, 5, 3, 2, 2, 3, 3, 2, 2, {3, 3, 3, 3}},
  };
  // Inputs of +-1e18 next to small values and zeros of both signs, weights
  // of +-1, +-2, 0.5: the large products cancel exactly, and whether a small
  // term survives depends on when it was added (a double's ulp at 1e18 is
  // 128), so a sum taken in another order shows.
  uint32_t state = 12345;
  auto pick = [&](std::initializer_list<float> values) {
    state = state * 1664525u + 1013904223u;
    return values.begin()[(state >> 16) % values.size()];
  };
  auto fill = [&](std::vector<float>& v, std::initializer_list<float> values) {
    for (float& e : v) e = pick(values);
  };
  for (const Case& k : cases) {
    std::vector<float> x(static_cast<size_t>(k.c * k.h * k.w)), w(static_cast<size_t>(k.m * k.c / k.group * k.kh * k.kw));
    std::vector<float> bias(static_cast<size_t>(k.m));
    fill(x, {1e18f, -1e18f, 1.5f, -0.25f, 0.0f, -0.0f});
    fill(w, {1.0f, -1.0f, 2.0f, 0.5f});
    fill(bias, {0.75f, -1.25f});
    const int64_t oh = (k.h + k.pads[0] + k.pads[2] - (k.kh - 1) * k.dy - 1) / k.sy + 1;
    const int64_t ow = (k.w + k.pads[1] + k.pads[3] - (k.kw - 1) * k.dx - 1) / k.sx + 1;
    KernelTester two, three;
    two.input<float>({1, k.c, k.h, k.w}, x).input<float>({k.m, k.c / k.group, k.kh, k.kw}, w).input<float>({k.m}, bias);
    two.output<float>({1, k.m, oh, ow});
    two.attr("strides", Ints{k.sy, k.sx}).attr("pads", k.pads).attr("dilations", Ints{k.dy, k.dx}).attr("group", k.group);
    three.input<float>({1, k.c, 1, k.h, k.w}, x).input<float>({k.m, k.c / k.group, 1, k.kh, k.kw}, w).input<float>({k.m}, bias);
    three.output<float>({1, k.m, 1, oh, ow});
    three.attr("strides", Ints{1, k.sy, k.sx}).attr("pads", Ints{0, k.pads[0], k.pads[1], 0, k.pads[2], k.pads[3]});
    three.attr("dilations", Ints{1, k.dy, k.dx}).attr("group", k.group);
    ASSERT_EQ(two.run("conv.portable"), Error::ok) << two.message();
    ASSERT_EQ(three.run("conv.portable"), Error::ok) << three.message();
    const std::vector<float> a = two.output_values<float>(), b = three.output_values<float>();
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      ASSERT_EQ(std::bit_cast<uint32_t>(a[i]), std::bit_cast<uint32_t>(b[i])) << "case h=" << k.h << " w=" << k.w << " at " << i;
    }
  }
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
