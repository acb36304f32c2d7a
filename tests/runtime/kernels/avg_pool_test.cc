#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using ::testing::FloatNear;
using ::testing::Pointwise;
using testing::KernelTester;

using Ints = std::vector<int64_t>;

void set_window(KernelTester& t, Ints kernel, Ints strides, Ints pads, int ceil_mode, int count_include_pad) {
  const size_t spatial = kernel.size();
  t.attr("kernel_shape", std::move(kernel)).attr("strides", std::move(strides)).attr("pads", std::move(pads));
  t.attr("dilations", Ints(spatial, 1)).attr("ceil_mode", ceil_mode).attr("count_include_pad", count_include_pad);
}

TEST(AvgPoolKernel, TwoDims) {
  // [[1 2 3] [4 5 6] [7 8 9]], 2x2 windows: (1+2+4+5)/4 = 3, (2+3+5+6)/4 = 4,
  // (4+5+7+8)/4 = 6, (5+6+8+9)/4 = 7.
  KernelTester t;
  t.input<float>({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}).output<float>({1, 1, 2, 2});
  set_window(t, {2, 2}, {1, 1}, {0, 0, 0, 0}, 0, 0);
  ASSERT_EQ(t.run("avg_pool.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{3, 4, 6, 7}));
}

TEST(AvgPoolKernel, PadsCountOnlyWhenAsked) {
  // [1 2 3] padded by one on each side, windows of 2:
  // {pad 1} {1 2} {2 3} {3 pad}; sums 1 3 5 3.
  // count_include_pad=0 divides by the input elements: [1 1.5 2.5 3];
  // count_include_pad=1 by the whole window:           [0.5 1.5 2.5 1.5].
  KernelTester exclude;
  exclude.input<float>({1, 1, 3}, {1, 2, 3}).output<float>({1, 1, 4});
  set_window(exclude, {2}, {1}, {1, 1}, 0, 0);
  ASSERT_EQ(exclude.run("avg_pool.portable"), Error::ok) << exclude.message();
  EXPECT_EQ(exclude.output_values<float>(), (std::vector<float>{1, 1.5f, 2.5f, 3}));
  KernelTester include;
  include.input<float>({1, 1, 3}, {1, 2, 3}).output<float>({1, 1, 4});
  set_window(include, {2}, {1}, {1, 1}, 0, 1);
  ASSERT_EQ(include.run("avg_pool.portable"), Error::ok) << include.message();
  EXPECT_EQ(include.output_values<float>(), (std::vector<float>{0.5f, 1.5f, 2.5f, 1.5f}));
}

TEST(AvgPoolKernel, CeilModeClipsAtTheEndOfThePaddedInput) {
  // x = [1..6] padded by one on each side (positions -1..6), kernel 3,
  // stride 2: (8-3)/2 = 2.5 -> 3 steps, 4 windows starting at -1, 1, 3, 5.
  //   {pad 1 2} sum 3, {2 3 4} 9, {4 5 6} 15, {6 pad past-the-end} 6.
  // count_include_pad=1 divides by the positions inside the padded input,
  // 3 3 3 2: [1 3 5 3]; count_include_pad=0 by the input elements,
  // 2 3 3 1: [1.5 3 5 6].
  KernelTester include;
  include.input<float>({1, 1, 6}, {1, 2, 3, 4, 5, 6}).output<float>({1, 1, 4});
  set_window(include, {3}, {2}, {1, 1}, 1, 1);
  ASSERT_EQ(include.run("avg_pool.portable"), Error::ok) << include.message();
  EXPECT_EQ(include.output_values<float>(), (std::vector<float>{1, 3, 5, 3}));
  KernelTester exclude;
  exclude.input<float>({1, 1, 6}, {1, 2, 3, 4, 5, 6}).output<float>({1, 1, 4});
  set_window(exclude, {3}, {2}, {1, 1}, 1, 0);
  ASSERT_EQ(exclude.run("avg_pool.portable"), Error::ok) << exclude.message();
  EXPECT_EQ(exclude.output_values<float>(), (std::vector<float>{1.5f, 3, 5, 6}));
}

TEST(AvgPoolKernel, StridesOverBatchesInDouble) {
  // Two batches of [1 2 3 4] and [10 20 30 40], windows of 2, stride 2.
  KernelTester t;
  t.input<double>({2, 1, 4}, {1, 2, 3, 4, 10, 20, 30, 40}).output<double>({2, 1, 2});
  set_window(t, {2}, {2}, {0, 0}, 0, 0);
  ASSERT_EQ(t.run("avg_pool.portable"), Error::ok) << t.message();
  EXPECT_THAT(t.output_values<double>(), Pointwise(FloatNear(1e-12), std::vector<double>{1.5, 3.5, 15, 35}));
}

TEST(AvgPoolKernel, HalfComputesThroughFloat) {
  // f16 [1 2] (0x3C00, 0x4000) -> mean 1.5 (0x3E00), little-endian bytes.
  KernelTester t;
  t.input_bytes(DType::f16, {1, 1, 2}, {0x00, 0x3C, 0x00, 0x40}).output(DType::f16, {1, 1, 1});
  set_window(t, {2}, {1}, {0, 0}, 0, 0);
  ASSERT_EQ(t.run("avg_pool.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_bytes(), (std::vector<uint8_t>{0x00, 0x3E}));
}

TEST(AvgPoolKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1, 1, 2}, {1, 2}).output<int32_t>({1, 1, 1});
  set_window(t, {2}, {1}, {0, 0}, 0, 0);
  EXPECT_EQ(t.run("avg_pool.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "avg_pool takes float operands, not i32");
}

}  // namespace
}  // namespace ingot::rt
