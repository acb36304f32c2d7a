#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(ConcatKernel, AlongTheLastAxis) {
  KernelTester t;
  t.input<float>({2, 1}, {1, 2}).input<float>({2, 2}, {3, 4, 5, 6}).output<float>({2, 3});
  t.attr("axis", 1);
  ASSERT_EQ(t.run("concat.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 3, 4, 2, 5, 6}));
}

TEST(ConcatKernel, AlongTheFirstAxisWithAnEmptyOperand) {
  KernelTester t;
  t.input<int8_t>({1, 2}, {1, 2}).input<int8_t>({0, 2}, {}).input<int8_t>({2, 2}, {3, 4, 5, 6}).output<int8_t>({3, 2});
  t.attr("axis", 0);
  ASSERT_EQ(t.run("concat.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int8_t>(), (std::vector<int8_t>{1, 2, 3, 4, 5, 6}));
}

TEST(ConcatKernel, RejectsOperandsThatDifferOffTheAxis) {
  KernelTester t;
  t.input<float>({2, 1}, {1, 2}).input<float>({1, 1}, {3}).output<float>({2, 2});
  t.attr("axis", 1);
  EXPECT_EQ(t.run("concat.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "operand 1 differs from the output off axis 1");
}

}  // namespace
}  // namespace ingot::rt
