#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(GlobalMaxPoolKernel, TwoDimsPerChannel) {
  // channel 0: max(1 2 3 4) = 4; channel 1: max(-1 0 5 8) = 8.
  KernelTester t;
  t.input<float>({1, 2, 2, 2}, {1, 2, 3, 4, -1, 0, 5, 8}).output<float>({1, 2, 1, 1});
  ASSERT_EQ(t.run("global_max_pool.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{4, 8}));
}

TEST(GlobalMaxPoolKernel, AllNegativeIntegers) {
  // i8 per batch: max(-7 -3 -128) = -3; max(-100 -1 -2) = -1.
  KernelTester t;
  t.input<int8_t>({2, 1, 3}, {-7, -3, -128, -100, -1, -2}).output<int8_t>({2, 1, 1});
  ASSERT_EQ(t.run("global_max_pool.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int8_t>(), (std::vector<int8_t>{-3, -1}));
}

TEST(GlobalMaxPoolKernel, RejectsADifferentOutputDtype) {
  KernelTester t;
  t.input<float>({1, 1, 2}, {1, 2}).output<double>({1, 1, 1});
  EXPECT_EQ(t.run("global_max_pool.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the output must have the input's rank and dtype");
}

}  // namespace
}  // namespace ingot::rt
