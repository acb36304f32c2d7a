#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(ArgMinKernel, FirstIndexOfTheSmallestPerRow) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 5, 1, 7, 2, 2}).output<int64_t>({2, 1});
  t.attr("axis", 1).attr("keepdims", 1).attr("select_last_index", 0);
  ASSERT_EQ(t.run("arg_min.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{0, 1}));  // 1 at 0 (and 2), 2 at 1 (and 2)
}

TEST(ArgMinKernel, LastIndexOnTies) {
  KernelTester t;
  t.input<int8_t>({2, 3}, {1, 5, 1, 7, 2, 2}).output<int64_t>({2});
  t.attr("axis", 1).attr("keepdims", 0).attr("select_last_index", 1);
  ASSERT_EQ(t.run("arg_min.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{2, 2}));
}

TEST(ArgMinKernel, MiddleAxisOfThree) {
  KernelTester t;
  // x[i][j][k], j along the reduced axis: x[0,:,0] = (4, 3), x[0,:,1] = (1, 9),
  // x[1,:,0] = (0, 0), x[1,:,1] = (8, -8).
  t.input<double>({2, 2, 2}, {4, 1, 3, 9, 0, 8, 0, -8}).output<int64_t>({2, 1, 2});
  t.attr("axis", 1).attr("keepdims", 1).attr("select_last_index", 0);
  ASSERT_EQ(t.run("arg_min.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{1, 0, 0, 1}));
}

TEST(ArgMinKernel, RejectsAnEmptyAxis) {
  KernelTester t;
  t.input<float>({2, 0}, {}).output<int64_t>({2});
  t.attr("axis", 1).attr("keepdims", 0).attr("select_last_index", 0);
  EXPECT_EQ(t.run("arg_min.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "axis 1 is empty: there is no index to pick");
}

}  // namespace
}  // namespace ingot::rt
