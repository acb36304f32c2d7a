#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

std::vector<float> trilu_3x3(int upper, int k) {
  // [[1 2 3] [4 5 6] [7 8 9]]
  KernelTester t;
  t.input<float>({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}).output<float>({3, 3});
  t.attr("upper", upper).attr("k", k);
  EXPECT_EQ(t.run("trilu.portable"), Error::ok) << t.message();
  return t.output_values<float>();
}

TEST(TriluKernel, UpperAndLowerOfASquare) {
  // upper, k 0: keep column - row >= 0.
  EXPECT_EQ(trilu_3x3(1, 0), (std::vector<float>{1, 2, 3, 0, 5, 6, 0, 0, 9}));
  // lower, k -1: keep column - row <= -1 (strictly below the diagonal).
  EXPECT_EQ(trilu_3x3(0, -1), (std::vector<float>{0, 0, 0, 4, 0, 0, 7, 8, 0}));
  // upper, k -1: one diagonal below too.
  EXPECT_EQ(trilu_3x3(1, -1), (std::vector<float>{1, 2, 3, 4, 5, 6, 0, 8, 9}));
  // k past the matrix: lower keeps all, upper keeps nothing.
  EXPECT_EQ(trilu_3x3(0, 5), (std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(trilu_3x3(1, 5), (std::vector<float>(9, 0.0f)));
}

TEST(TriluKernel, BatchOfRectanglesWithRunTimeK) {
  // Two [2, 3] matrices, upper with k = 1 (operand): keep (0,1) (0,2) (1,2).
  KernelTester t;
  t.input<int64_t>({2, 2, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}).input<int64_t>({}, {1});
  t.output<int64_t>({2, 2, 3}).attr("upper", 1);
  ASSERT_EQ(t.run("trilu.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{0, 2, 3, 0, 0, 6, 0, 8, 9, 0, 0, 12}));
}

TEST(TriluKernel, RejectsRankOne) {
  KernelTester t;
  t.input<float>({3}, {1, 2, 3}).output<float>({3});
  t.attr("upper", 1).attr("k", 0);
  EXPECT_EQ(t.run("trilu.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the operand must have rank 2 or more, not 1");
}

}  // namespace
}  // namespace ingot::rt
