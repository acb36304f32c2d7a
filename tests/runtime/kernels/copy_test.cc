#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(CopyKernel, CopiesEveryByte) {
  KernelTester t;
  t.input<int16_t>({2, 3}, {1, -2, 3, -4, 5, -6}).output<int16_t>({2, 3});
  ASSERT_EQ(t.run("copy.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int16_t>(), (std::vector<int16_t>{1, -2, 3, -4, 5, -6}));
}

TEST(CopyKernel, RejectsMismatchedSizes) {
  KernelTester t;
  t.input<float>({4}, {1, 2, 3, 4}).output<float>({3});
  EXPECT_EQ(t.run("copy.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "input and output sizes differ");
}

}  // namespace
}  // namespace ingot::rt
