#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(OneHotKernel, LastAxisWithNegativeIndex) {
  // depth 3: 0 -> [1 0 0], 2 -> [0 0 1], -1 -> 2 -> [0 0 1].
  KernelTester t;
  t.input<int64_t>({3}, {0, 2, -1}).input<float>({2}, {0, 1}).output<float>({3, 3});
  t.attr("axis", 1).attr("depth", 3);
  ASSERT_EQ(t.run("one_hot.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 0, 0, 0, 0, 1, 0, 0, 1}));
}

TEST(OneHotKernel, FirstAxisAndOutOfRangeIndex) {
  // axis 0: out[d][i]. Index 1 is hot at d = 1; index 5 is outside [-3, 3)
  // and gives only off values. off = -1, on = 7.
  KernelTester t;
  t.input<int32_t>({2}, {1, 5}).input<int32_t>({2}, {-1, 7}).output<int32_t>({3, 2});
  t.attr("axis", 0).attr("depth", 3);
  ASSERT_EQ(t.run("one_hot.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{-1, -1, 7, -1, -1, -1}));
}

TEST(OneHotKernel, RunTimeDepthAndFloatIndices) {
  // depth 4.0 from an f32 operand; index 1.9 truncates to 1.
  KernelTester t;
  t.input<float>({2}, {1.9f, 3}).input<float>({2}, {0, 1}).input<float>({}, {4}).output<float>({2, 4});
  t.attr("axis", 1);
  ASSERT_EQ(t.run("one_hot.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{0, 1, 0, 0, 0, 0, 0, 1}));
}

TEST(OneHotKernel, RejectsRunTimeDepthThatDiffersFromTheOutput) {
  KernelTester t;
  t.input<int64_t>({2}, {0, 1}).input<float>({2}, {0, 1}).input<int64_t>({1}, {5}).output<float>({2, 4});
  t.attr("axis", 1);
  EXPECT_EQ(t.run("one_hot.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the output shape does not fit indices with depth 5");
}

}  // namespace
}  // namespace ingot::rt
