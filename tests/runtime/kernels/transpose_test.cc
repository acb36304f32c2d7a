#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(TransposeKernel, SwapsTwoAxes) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).output<float>({3, 2});
  t.attr("perm", std::vector<int64_t>{1, 0});
  ASSERT_EQ(t.run("transpose.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 4, 2, 5, 3, 6}));
}

TEST(TransposeKernel, RotatesThreeAxes) {
  KernelTester t;
  // y[k, i, 0] = x[i, 0, k]; x = (0 1 2 | 3 4 5).
  t.input<int64_t>({2, 1, 3}, {0, 1, 2, 3, 4, 5}).output<int64_t>({3, 2, 1});
  t.attr("perm", std::vector<int64_t>{2, 0, 1});
  ASSERT_EQ(t.run("transpose.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{0, 3, 1, 4, 2, 5}));
}

TEST(TransposeKernel, Bools) {
  KernelTester t;
  t.input<bool>({1, 2}, {true, false}).output<bool>({2, 1});
  t.attr("perm", std::vector<int64_t>{1, 0});
  ASSERT_EQ(t.run("transpose.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_bytes(), (std::vector<uint8_t>{1, 0}));  // bools, one byte each
}

TEST(TransposeKernel, RejectsANonPermutation) {
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).output<float>({2, 2});
  t.attr("perm", std::vector<int64_t>{1, 1});
  EXPECT_EQ(t.run("transpose.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "perm must be a permutation of [0, rank)");
}

}  // namespace
}  // namespace ingot::rt
