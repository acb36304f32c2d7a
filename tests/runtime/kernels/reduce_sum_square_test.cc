#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(ReduceSumSquareKernel, SumsSquaresOfEachColumn) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, -1, 0, 4}).output<float>({1, 3});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_sum_square.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{2, 4, 25}));  // 1+1, 4+0, 9+16
}

TEST(ReduceSumSquareKernel, Integers) {
  KernelTester t;
  t.input<int64_t>({2}, {-3, 4}).output<int64_t>({});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 0);
  ASSERT_EQ(t.run("reduce_sum_square.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{25}));  // 9 + 16
}

TEST(ReduceSumSquareKernel, EmptySetGivesZero) {
  KernelTester t;
  t.input<float>({3, 0}, {}).output<float>({3});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 0);
  ASSERT_EQ(t.run("reduce_sum_square.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{0, 0, 0}));
}

TEST(ReduceSumSquareKernel, RejectsARepeatedAxisAttribute) {
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).output<float>({2});
  t.attr("axes", std::vector<int64_t>{1, 1}).attr("keepdims", 0);
  EXPECT_EQ(t.run("reduce_sum_square.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "axis 1 repeats");
}

}  // namespace
}  // namespace ingot::rt
