#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(ArgMaxKernel, FirstIndexOfTheLargestPerRow) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 5, 5, 7, 2, 7}).output<int64_t>({2, 1});
  t.attr("axis", 1).attr("keepdims", 1).attr("select_last_index", 0);
  ASSERT_EQ(t.run("arg_max.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{1, 0}));  // 5 at 1 (and 2), 7 at 0 (and 2)
}

TEST(ArgMaxKernel, LastIndexOnTies) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 5, 5, 7, 2, 7}).output<int64_t>({2});
  t.attr("axis", 1).attr("keepdims", 0).attr("select_last_index", 1);
  ASSERT_EQ(t.run("arg_max.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{2, 2}));
}

TEST(ArgMaxKernel, AlongTheFirstAxis) {
  KernelTester t;
  t.input<int32_t>({2, 3}, {1, 5, 5, 7, 2, 7}).output<int64_t>({3});
  t.attr("axis", 0).attr("keepdims", 0).attr("select_last_index", 0);
  ASSERT_EQ(t.run("arg_max.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{1, 0, 1}));  // (1,7), (5,2), (5,7)
}

TEST(ArgMaxKernel, NanIsTheLargest) {
  KernelTester t;
  t.input<float>({3}, {1, std::nanf(""), 3}).output<int64_t>({1});
  t.attr("axis", 0).attr("keepdims", 1).attr("select_last_index", 0);
  ASSERT_EQ(t.run("arg_max.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{1}));
}

TEST(ArgMaxKernel, RejectsANonI64Output) {
  KernelTester t;
  t.input<float>({3}, {1, 2, 3}).output<int32_t>({1});
  t.attr("axis", 0).attr("keepdims", 1).attr("select_last_index", 0);
  EXPECT_EQ(t.run("arg_max.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the output must be i64");
}

}  // namespace
}  // namespace ingot::rt
