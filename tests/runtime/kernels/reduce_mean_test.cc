#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(ReduceMeanKernel, AveragesEachRow) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).output<float>({2});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 0);
  ASSERT_EQ(t.run("reduce_mean.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{2, 5}));  // 6/3, 15/3
}

TEST(ReduceMeanKernel, AveragesEveryAxis) {
  KernelTester t;
  t.input<double>({2, 2}, {1, 2, 3, 5}).output<double>({1, 1});
  t.attr("axes", std::vector<int64_t>{0, 1}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_mean.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<double>(), (std::vector<double>{2.75}));  // 11/4
}

TEST(ReduceMeanKernel, IntegersTruncateTowardZero) {
  KernelTester t;
  t.input<int32_t>({2, 3}, {1, 2, 4, -1, -2, -4}).output<int32_t>({2, 1});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_mean.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{2, -2}));  // 7/3 = 2.33, -7/3 = -2.33
}

TEST(ReduceMeanKernel, EmptySetGivesNan) {
  KernelTester t;
  t.input<float>({0, 2}, {}).output<float>({2});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 0);
  ASSERT_EQ(t.run("reduce_mean.portable"), Error::ok) << t.message();
  for (float v : t.output_values<float>()) EXPECT_TRUE(std::isnan(v));  // 0 / 0
}

TEST(ReduceMeanKernel, RejectsABoolTensor) {
  KernelTester t;
  t.input<bool>({2}, {true, false}).output<bool>({1});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 1);
  EXPECT_EQ(t.run("reduce_mean.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "cannot reduce a bool tensor");
}

}  // namespace
}  // namespace ingot::rt
