#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(ExpandKernel, RepeatsSizeOneDimsAndAddsLeadingOnes) {
  KernelTester t;
  // y[n, i, j] = x[i, 0]
  t.input<int32_t>({3, 1}, {1, 2, 3}).output<int32_t>({2, 3, 2});
  t.attr("shape", std::vector<int64_t>{2, 3, 2});
  ASSERT_EQ(t.run("expand.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3}));
}

TEST(ExpandKernel, ScalarToVector) {
  KernelTester t;
  t.input<double>({}, {2.5}).output<double>({3});
  t.attr("shape", std::vector<int64_t>{3});
  ASSERT_EQ(t.run("expand.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<double>(), (std::vector<double>{2.5, 2.5, 2.5}));
}

TEST(ExpandKernel, RejectsAShapeThatDoesNotBroadcast) {
  KernelTester t;
  t.input<float>({2}, {1, 2}).output<float>({3});
  t.attr("shape", std::vector<int64_t>{3});
  EXPECT_EQ(t.run("expand.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the operand does not broadcast to the output shape");
}

}  // namespace
}  // namespace ingot::rt
