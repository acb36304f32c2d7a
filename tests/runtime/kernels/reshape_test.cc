#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(ReshapeKernel, KeepsRowMajorOrder) {
  KernelTester t;
  t.input<int16_t>({2, 3}, {1, 2, 3, 4, 5, 6}).output<int16_t>({3, 2});
  t.attr("shape", std::vector<int64_t>{3, 2});
  ASSERT_EQ(t.run("reshape.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int16_t>(), (std::vector<int16_t>{1, 2, 3, 4, 5, 6}));
}

TEST(ReshapeKernel, EmptyTensor) {
  KernelTester t;
  t.input<float>({0, 3}, {}).output<float>({3, 0});
  t.attr("shape", std::vector<int64_t>{3, 0});
  EXPECT_EQ(t.run("reshape.portable"), Error::ok) << t.message();
}

TEST(ReshapeKernel, RejectsAnotherElementCount) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).output<float>({2, 2});
  t.attr("shape", std::vector<int64_t>{2, 2});
  EXPECT_EQ(t.run("reshape.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the output must hold the operand's elements");
}

}  // namespace
}  // namespace ingot::rt
