#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(TopKKernel, LargestAlongLastAxis) {
  // ONNX's example: each row 0..3, 4..7, 8..11 keeps its top 3, positions 3 2 1.
  KernelTester t;
  t.input<float>({3, 4}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  t.output<float>({3, 3}).output<int64_t>({3, 3});
  t.attr("axis", 1).attr("k", 3).attr("largest", 1).attr("sorted", 1);
  ASSERT_EQ(t.run("top_k.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(0), (std::vector<float>{3, 2, 1, 7, 6, 5, 11, 10, 9}));
  EXPECT_EQ(t.output_values<int64_t>(1), (std::vector<int64_t>{3, 2, 1, 3, 2, 1, 3, 2, 1}));
}

TEST(TopKKernel, TiesKeepTheLowerPositionFirst) {
  // [3 1 3 1 2]: largest 3 = 3@0, 3@2, 2@4; smallest 3 = 1@1, 1@3, 2@4.
  KernelTester largest;
  largest.input<int32_t>({5}, {3, 1, 3, 1, 2}).output<int32_t>({3}).output<int64_t>({3});
  largest.attr("axis", 0).attr("k", 3).attr("largest", 1).attr("sorted", 1);
  ASSERT_EQ(largest.run("top_k.portable"), Error::ok) << largest.message();
  EXPECT_EQ(largest.output_values<int32_t>(0), (std::vector<int32_t>{3, 3, 2}));
  EXPECT_EQ(largest.output_values<int64_t>(1), (std::vector<int64_t>{0, 2, 4}));

  KernelTester smallest;
  smallest.input<int32_t>({5}, {3, 1, 3, 1, 2}).output<int32_t>({3}).output<int64_t>({3});
  smallest.attr("axis", 0).attr("k", 3).attr("largest", 0).attr("sorted", 1);
  ASSERT_EQ(smallest.run("top_k.portable"), Error::ok) << smallest.message();
  EXPECT_EQ(smallest.output_values<int32_t>(0), (std::vector<int32_t>{1, 1, 2}));
  EXPECT_EQ(smallest.output_values<int64_t>(1), (std::vector<int64_t>{1, 3, 4}));
}

TEST(TopKKernel, OuterAxisWithInnerElements) {
  // axis 0 of [[1 6] [5 2] [3 4]]: column 0 (1 5 3) -> 5@1, 3@2;
  // column 1 (6 2 4) -> 6@0, 4@2.
  KernelTester t;
  t.input<float>({3, 2}, {1, 6, 5, 2, 3, 4}).output<float>({2, 2}).output<int64_t>({2, 2});
  t.attr("axis", 0).attr("k", 2).attr("largest", 1).attr("sorted", 1);
  ASSERT_EQ(t.run("top_k.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(0), (std::vector<float>{5, 6, 3, 4}));
  EXPECT_EQ(t.output_values<int64_t>(1), (std::vector<int64_t>{1, 0, 2, 2}));
}

TEST(TopKKernel, RunTimeKAndNaNRanksHighest) {
  // k = 2 from an operand; NaN ranks above every number: NaN@1, 3@2.
  const float nan = std::numeric_limits<float>::quiet_NaN();
  KernelTester t;
  t.input<float>({3}, {1, nan, 3}).input<int64_t>({1}, {2}).output<float>({2}).output<int64_t>({2});
  t.attr("axis", 0).attr("largest", 1).attr("sorted", 1);
  ASSERT_EQ(t.run("top_k.portable"), Error::ok) << t.message();
  std::vector<float> values = t.output_values<float>(0);
  EXPECT_TRUE(std::isnan(values[0]));
  EXPECT_EQ(values[1], 3);
  EXPECT_EQ(t.output_values<int64_t>(1), (std::vector<int64_t>{1, 2}));
}

TEST(TopKKernel, RejectsRunTimeKThatDiffersFromTheOutput) {
  KernelTester t;
  t.input<float>({3}, {1, 2, 3}).input<int64_t>({1}, {3}).output<float>({2}).output<int64_t>({2});
  t.attr("axis", 0).attr("largest", 1).attr("sorted", 1);
  EXPECT_EQ(t.run("top_k.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the output shapes do not fit x with k 3");
}

}  // namespace
}  // namespace ingot::rt
