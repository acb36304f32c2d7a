#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(ReduceL1Kernel, SumsAbsoluteValues) {
  KernelTester t;
  t.input<float>({2, 2}, {1, -2, 3, -4}).output<float>({2, 1});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_l1.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{3, 7}));  // 1+2, 3+4
}

TEST(ReduceL1Kernel, Integers) {
  KernelTester t;
  t.input<int32_t>({2}, {-3, 4}).output<int32_t>({});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 0);
  ASSERT_EQ(t.run("reduce_l1.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{7}));
}

TEST(ReduceL1Kernel, EmptySetGivesZero) {
  KernelTester t;
  t.input<float>({0}, {}).output<float>({1});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_l1.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{0}));
}

TEST(ReduceL1Kernel, RejectsAnOutputOfAnotherDtype) {
  KernelTester t;
  t.input<float>({2}, {1, 2}).output<double>({1});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 1);
  EXPECT_EQ(t.run("reduce_l1.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the output dtype differs from the operand's");
}

}  // namespace
}  // namespace ingot::rt
