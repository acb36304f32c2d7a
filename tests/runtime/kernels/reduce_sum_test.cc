#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(ReduceSumKernel, SumsTheLastAxisKeepingDims) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).output<float>({2, 1});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_sum.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{6, 15}));  // 1+2+3, 4+5+6
}

TEST(ReduceSumKernel, SumsTheFirstAxisDroppingIt) {
  KernelTester t;
  t.input<int32_t>({2, 3}, {1, 2, 3, 4, 5, 6}).output<int32_t>({3});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 0);
  ASSERT_EQ(t.run("reduce_sum.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{5, 7, 9}));  // 1+4, 2+5, 3+6
}

TEST(ReduceSumKernel, SumsTwoAxesAroundAKeptOne) {
  KernelTester t;
  // x[i][j][k] = 1..8; reduce axes 0 and 2, keep axis 1.
  t.input<double>({2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8}).output<double>({2});
  t.attr("axes", std::vector<int64_t>{0, 2}).attr("keepdims", 0);
  ASSERT_EQ(t.run("reduce_sum.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<double>(), (std::vector<double>{14, 22}));  // 1+2+5+6, 3+4+7+8
}

TEST(ReduceSumKernel, RunTimeAxesCountFromTheEnd) {
  KernelTester t;
  t.input<float>({2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8}).input<int64_t>({1}, {-1}).output<float>({2, 2});
  t.attr("keepdims", 0);
  ASSERT_EQ(t.run("reduce_sum.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{3, 7, 11, 15}));  // 1+2, 3+4, 5+6, 7+8
}

TEST(ReduceSumKernel, EmptyRunTimeAxesReduceEverything) {
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).input<int64_t>({0}, {}).output<float>({1, 1});
  t.attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_sum.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{10}));  // 1+2+3+4
}

TEST(ReduceSumKernel, NoAxesKeepsEachElement) {
  KernelTester t;
  t.input<float>({3}, {1, -2, 3}).output<float>({3});
  t.attr("axes", std::vector<int64_t>{}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_sum.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, -2, 3}));
}

TEST(ReduceSumKernel, EmptySetGivesZero) {
  KernelTester t;
  t.input<float>({2, 0}, {}).output<float>({2, 1});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_sum.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{0, 0}));
}

TEST(ReduceSumKernel, IntegersWrap) {
  KernelTester t;
  t.input<int8_t>({2}, {100, 100}).output<int8_t>({1});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_sum.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int8_t>(), (std::vector<int8_t>{-56}));  // 200 - 256
}

TEST(ReduceSumKernel, HalfComputesThroughFloat) {
  KernelTester t;
  // f16 bits, little-endian: 1.0 = 0x3C00, 2.0 = 0x4000; 1 + 2 = 3.0 = 0x4200.
  t.input_bytes(DType::f16, {2}, {0x00, 0x3C, 0x00, 0x40}).output(DType::f16, {1});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_sum.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_bytes(), (std::vector<uint8_t>{0x00, 0x42}));
}

TEST(ReduceSumKernel, RejectsAnOutputThatDoesNotFit) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).output<float>({3});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 0);
  EXPECT_EQ(t.run("reduce_sum.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the output shape does not fit the reduction");
}

TEST(ReduceSumKernel, RejectsARepeatedRunTimeAxis) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).input<int64_t>({2}, {1, -1}).output<float>({2});
  t.attr("keepdims", 0);
  EXPECT_EQ(t.run("reduce_sum.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "axis 1 repeats");
}

}  // namespace
}  // namespace ingot::rt
