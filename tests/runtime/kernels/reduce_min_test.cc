#include <cmath>
#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(ReduceMinKernel, TakesTheSmallestOfEachRow) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 5, 3, -2, -8, -1}).output<float>({2});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 0);
  ASSERT_EQ(t.run("reduce_min.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, -8}));
}

TEST(ReduceMinKernel, RunTimeAxesAsInt32) {
  KernelTester t;
  t.input<uint8_t>({2, 2}, {9, 4, 3, 8}).input<int32_t>({1}, {0}).output<uint8_t>({1, 2});
  t.attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_min.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<uint8_t>(), (std::vector<uint8_t>{3, 4}));  // min(9,3), min(4,8)
}

TEST(ReduceMinKernel, EmptySetGivesTheHighestValue) {
  KernelTester t;
  t.input<double>({2, 0}, {}).output<double>({2});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 0);
  ASSERT_EQ(t.run("reduce_min.portable"), Error::ok) << t.message();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(t.output_values<double>(), (std::vector<double>{inf, inf}));
}

TEST(ReduceMinKernel, NanPropagates) {
  KernelTester t;
  t.input<double>({3}, {std::nan(""), -1, 3}).output<double>({1});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_min.portable"), Error::ok) << t.message();
  EXPECT_TRUE(std::isnan(t.output_values<double>()[0]));
}

TEST(ReduceMinKernel, RejectsAMissingAxesParameter) {
  KernelTester t;
  t.input<float>({2}, {1, 2}).output<float>({1});
  t.attr("keepdims", 1);
  EXPECT_EQ(t.run("reduce_min.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "a reduction needs an axes attribute or an axes operand");
}

}  // namespace
}  // namespace ingot::rt
