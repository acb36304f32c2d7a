#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(SplitKernel, UnequalPiecesAlongTheLastAxis) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).output<float>({2, 1}).output<float>({2, 2});
  t.attr("axis", 1).attr("split", std::vector<int64_t>{1, 2});
  ASSERT_EQ(t.run("split.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(0), (std::vector<float>{1, 4}));
  EXPECT_EQ(t.output_values<float>(1), (std::vector<float>{2, 3, 5, 6}));
}

TEST(SplitKernel, AnEmptyPiece) {
  KernelTester t;
  t.input<int32_t>({3}, {7, 8, 9}).output<int32_t>({0}).output<int32_t>({3});
  t.attr("axis", 0).attr("split", std::vector<int64_t>{0, 3});
  ASSERT_EQ(t.run("split.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(1), (std::vector<int32_t>{7, 8, 9}));
}

TEST(SplitKernel, RejectsPiecesThatDoNotAddUp) {
  KernelTester t;
  t.input<float>({3}, {1, 2, 3}).output<float>({1}).output<float>({1});
  t.attr("axis", 0).attr("split", std::vector<int64_t>{1, 1});
  EXPECT_EQ(t.run("split.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the outputs' dims along axis 0 do not add up to the operand's");
}

}  // namespace
}  // namespace ingot::rt
