#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

using Ints = std::vector<int64_t>;

void set_window(KernelTester& t, Ints kernel, Ints strides, Ints pads, Ints dilations, int ceil_mode) {
  t.attr("kernel_shape", std::move(kernel)).attr("strides", std::move(strides)).attr("pads", std::move(pads));
  t.attr("dilations", std::move(dilations)).attr("ceil_mode", ceil_mode);
}

TEST(MaxPoolKernel, TwoDims) {
  // [[1 2 3] [4 5 6] [7 8 9]], 2x2 windows with stride 1: bottom-right of each.
  KernelTester t;
  t.input<float>({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}).output<float>({1, 1, 2, 2});
  set_window(t, {2, 2}, {1, 1}, {0, 0, 0, 0}, {1, 1}, 0);
  ASSERT_EQ(t.run("max_pool.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{5, 6, 8, 9}));
}

TEST(MaxPoolKernel, PaddingNeverWins) {
  // [-5 -2 -7] padded by one on each side; windows of 2: {pad,-5} {-5,-2}
  // {-2,-7} {-7,pad} -> [-5 -2 -2 -7] (a zero pad would have won).
  KernelTester t;
  t.input<float>({1, 1, 1, 3}, {-5, -2, -7}).output<float>({1, 1, 1, 4});
  set_window(t, {1, 2}, {1, 1}, {0, 1, 0, 1}, {1, 1}, 0);
  ASSERT_EQ(t.run("max_pool.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{-5, -2, -2, -7}));
}

TEST(MaxPoolKernel, CeilModeClipsTheLastWindow) {
  // [1 3 2 5 4], windows of 2 with stride 2: (5-2)/2 = 1.5 -> ceil 2 steps,
  // 3 outputs; the last window {4, past the end} is clipped: [3 5 4].
  KernelTester t;
  t.input<float>({1, 1, 5}, {1, 3, 2, 5, 4}).output<float>({1, 1, 3});
  set_window(t, {2}, {2}, {0, 0}, {1}, 1);
  ASSERT_EQ(t.run("max_pool.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{3, 5, 4}));
}

TEST(MaxPoolKernel, Dilation) {
  // [1 9 2 8 3], kernel 2 dilated by 2 reads {i, i+2}: {1 2} {9 8} {2 3}.
  KernelTester t;
  t.input<float>({1, 1, 5}, {1, 9, 2, 8, 3}).output<float>({1, 1, 3});
  set_window(t, {2}, {1}, {0, 0}, {2}, 0);
  ASSERT_EQ(t.run("max_pool.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{2, 9, 3}));
}

TEST(MaxPoolKernel, EightBitIntegers) {
  // Windows of 2, stride 2: u8 {10 250} {3 7}; i8 {-10 -128} {127 0}.
  KernelTester u8;
  u8.input<uint8_t>({1, 1, 4}, {10, 250, 3, 7}).output<uint8_t>({1, 1, 2});
  set_window(u8, {2}, {2}, {0, 0}, {1}, 0);
  ASSERT_EQ(u8.run("max_pool.portable"), Error::ok) << u8.message();
  EXPECT_EQ(u8.output_values<uint8_t>(), (std::vector<uint8_t>{250, 7}));
  KernelTester i8;
  i8.input<int8_t>({1, 1, 4}, {-10, -128, 127, 0}).output<int8_t>({1, 1, 2});
  set_window(i8, {2}, {2}, {0, 0}, {1}, 0);
  ASSERT_EQ(i8.run("max_pool.portable"), Error::ok) << i8.message();
  EXPECT_EQ(i8.output_values<int8_t>(), (std::vector<int8_t>{-10, 127}));
}

TEST(MaxPoolKernel, ThreeDimsOverTwoChannels) {
  // One 2x2x2 window per channel: channel 0 holds 1..8, channel 1 -1..-8.
  KernelTester t;
  t.input<float>({1, 2, 2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8});
  t.output<float>({1, 2, 1, 1, 1});
  set_window(t, {2, 2, 2}, {1, 1, 1}, {0, 0, 0, 0, 0, 0}, {1, 1, 1}, 0);
  ASSERT_EQ(t.run("max_pool.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{8, -1}));
}

TEST(MaxPoolKernel, IndicesIntoTheFlattenedInput) {
  // Two 2x3 channels, 2x2 windows at columns 0 and 1:
  //   channel 0 [[1 2 6] [5 3 4]]: max 5 at (1,0), max 6 at (0,2)
  //   channel 1 [[9 0 0] [0 0 0]]: max 9 at (0,0), then a tie of zeros whose
  //   first, in window order, is (0,1).
  // Row-major index: plane*6 + h*3 + w   -> 3, 2, 6+0, 6+1
  // Column-major:    plane*6 + h + w*2   -> 1, 4, 6+0, 6+2
  const std::vector<float> x{1, 2, 6, 5, 3, 4, 9, 0, 0, 0, 0, 0};
  for (int storage_order : {0, 1}) {
    KernelTester t;
    t.input<float>({1, 2, 2, 3}, x).output<float>({1, 2, 1, 2}).output<int64_t>({1, 2, 1, 2});
    set_window(t, {2, 2}, {1, 1}, {0, 0, 0, 0}, {1, 1}, 0);
    t.attr("with_indices", 1).attr("storage_order", storage_order);
    ASSERT_EQ(t.run("max_pool.portable"), Error::ok) << t.message();
    EXPECT_EQ(t.output_values<float>(0), (std::vector<float>{5, 6, 9, 0}));
    EXPECT_EQ(t.output_values<int64_t>(1),
              storage_order == 0 ? (std::vector<int64_t>{3, 2, 6, 7}) : (std::vector<int64_t>{1, 4, 6, 8}));
  }
}

TEST(MaxPoolKernel, RejectsAWindowThatStartsInTheEndPadding) {
  // in 4, pads (0, 1), kernel 2, stride 2, ceil: (5-2)/2 rounds up to 2
  // steps, but a third window would start at 4, in the end padding only: 2.
  KernelTester t;
  t.input<float>({1, 1, 4}, {1, 2, 3, 4}).output<float>({1, 1, 3});
  set_window(t, {2}, {2}, {0, 1}, {1}, 1);
  EXPECT_EQ(t.run("max_pool.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "spatial dim 0: the output has 3, the window gives 2");
}

}  // namespace
}  // namespace ingot::rt
