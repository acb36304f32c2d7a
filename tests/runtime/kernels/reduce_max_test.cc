#include <cmath>
#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(ReduceMaxKernel, TakesTheLargestOfEachRow) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 5, 3, -2, -8, -1}).output<float>({2, 1});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_max.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{5, -1}));
}

TEST(ReduceMaxKernel, TakesTheLargestOfEachColumn) {
  KernelTester t;
  t.input<int64_t>({2, 2}, {-5, 7, -3, 2}).output<int64_t>({2});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 0);
  ASSERT_EQ(t.run("reduce_max.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{-3, 7}));  // max(-5,-3), max(7,2)
}

TEST(ReduceMaxKernel, EmptySetGivesTheLowestValue) {
  KernelTester t;
  t.input<float>({0}, {}).output<float>({1});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_max.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{-std::numeric_limits<float>::infinity()}));

  KernelTester ints;
  ints.input<int32_t>({0}, {}).output<int32_t>({});
  ints.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 0);
  ASSERT_EQ(ints.run("reduce_max.portable"), Error::ok) << ints.message();
  EXPECT_EQ(ints.output_values<int32_t>(), (std::vector<int32_t>{std::numeric_limits<int32_t>::lowest()}));
}

TEST(ReduceMaxKernel, NanPropagates) {
  KernelTester t;
  t.input<float>({3}, {1, std::nanf(""), 3}).output<float>({1});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_max.portable"), Error::ok) << t.message();
  EXPECT_TRUE(std::isnan(t.output_values<float>()[0]));
}

TEST(ReduceMaxKernel, RejectsAnAxisOutOfRange) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).output<float>({2, 3});
  t.attr("axes", std::vector<int64_t>{2}).attr("keepdims", 1);
  EXPECT_EQ(t.run("reduce_max.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "axis 2 is out of range for rank 2");
}

}  // namespace
}  // namespace ingot::rt
