#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(GatherKernel, PicksRowsWithMatrixIndices) {
  // data rows: [1 2] [3 4] [5 6]; indices [[0 1] [1 2]] pick rows 0, 1, 1, 2.
  KernelTester t;
  t.input<float>({3, 2}, {1, 2, 3, 4, 5, 6}).input<int64_t>({2, 2}, {0, 1, 1, 2}).output<float>({2, 2, 2});
  t.attr("axis", 0);
  ASSERT_EQ(t.run("gather.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 2, 3, 4, 3, 4, 5, 6}));
}

TEST(GatherKernel, WrapsNegativeIndicesOnInnerAxis) {
  // axis 1 of [[1 2 3] [4 5 6]]: index -1 is column 2, index 0 column 0.
  KernelTester t;
  t.input<int32_t>({2, 3}, {1, 2, 3, 4, 5, 6}).input<int32_t>({2}, {-1, 0}).output<int32_t>({2, 2});
  t.attr("axis", 1);
  ASSERT_EQ(t.run("gather.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{3, 1, 6, 4}));
}

TEST(GatherKernel, ScalarIndexDropsTheAxis) {
  // Column 1 of [[1 2 3] [4 5 6]] as a vector: [2 5].
  KernelTester t;
  t.input<uint8_t>({2, 3}, {1, 2, 3, 4, 5, 6}).input<int64_t>({}, {1}).output<uint8_t>({2});
  t.attr("axis", 1);
  ASSERT_EQ(t.run("gather.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<uint8_t>(), (std::vector<uint8_t>{2, 5}));
}

TEST(GatherKernel, RejectsIndexOutOfRange) {
  KernelTester t;
  t.input<float>({3}, {1, 2, 3}).input<int64_t>({1}, {3}).output<float>({1});
  t.attr("axis", 0);
  EXPECT_EQ(t.run("gather.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "index 3 is out of range for axis size 3");
}

TEST(GatherKernel, RejectsIndexBelowMinusSize) {
  KernelTester t;
  t.input<float>({3}, {1, 2, 3}).input<int32_t>({1}, {-4}).output<float>({1});
  t.attr("axis", 0);
  EXPECT_EQ(t.run("gather.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
