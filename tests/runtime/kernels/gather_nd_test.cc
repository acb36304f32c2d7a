#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(GatherNdKernel, FullTuplesPickElements) {
  // data [[0 1] [2 3]]; tuples (0, 0) and (1, 1) -> [0 3].
  KernelTester t;
  t.input<int32_t>({2, 2}, {0, 1, 2, 3}).input<int64_t>({2, 2}, {0, 0, 1, 1}).output<int32_t>({2});
  t.attr("batch_dims", 0);
  ASSERT_EQ(t.run("gather_nd.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{0, 3}));
}

TEST(GatherNdKernel, ShortTuplesPickSlices) {
  // data [[0 1] [2 3]]; tuples (1) and (0) pick rows -> [[2 3] [0 1]].
  KernelTester t;
  t.input<float>({2, 2}, {0, 1, 2, 3}).input<int64_t>({2, 1}, {1, 0}).output<float>({2, 2});
  t.attr("batch_dims", 0);
  ASSERT_EQ(t.run("gather_nd.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{2, 3, 0, 1}));
}

TEST(GatherNdKernel, BatchDims) {
  // data [[[0 1] [2 3]] [[4 5] [6 7]]], batch_dims 1: batch 0 takes its
  // row 1 = [2 3], batch 1 its row 0 = [4 5].
  KernelTester t;
  t.input<float>({2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7}).input<int32_t>({2, 1}, {1, 0}).output<float>({2, 2});
  t.attr("batch_dims", 1);
  ASSERT_EQ(t.run("gather_nd.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{2, 3, 4, 5}));
}

TEST(GatherNdKernel, NegativeIndicesWrap) {
  // (-1, -2) on a [2, 2] tensor is (1, 0): data[1][0] = 2.
  KernelTester t;
  t.input<float>({2, 2}, {0, 1, 2, 3}).input<int64_t>({1, 2}, {-1, -2}).output<float>({1});
  t.attr("batch_dims", 0);
  ASSERT_EQ(t.run("gather_nd.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{2}));
}

TEST(GatherNdKernel, RejectsIndexOutOfRange) {
  KernelTester t;
  t.input<float>({2, 2}, {0, 1, 2, 3}).input<int64_t>({1, 2}, {0, 2}).output<float>({1});
  t.attr("batch_dims", 0);
  EXPECT_EQ(t.run("gather_nd.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "index 2 is out of range for dim 1 of size 2");
}

}  // namespace
}  // namespace ingot::rt
