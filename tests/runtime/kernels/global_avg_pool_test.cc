#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(GlobalAvgPoolKernel, TwoDimsPerChannel) {
  // channel 0: (1+2+3+4)/4 = 2.5; channel 1: (-1+0+5+8)/4 = 3.
  KernelTester t;
  t.input<float>({1, 2, 2, 2}, {1, 2, 3, 4, -1, 0, 5, 8}).output<float>({1, 2, 1, 1});
  ASSERT_EQ(t.run("global_avg_pool.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{2.5f, 3}));
}

TEST(GlobalAvgPoolKernel, OneDimPerBatch) {
  // batch 0: (1+2+3)/3 = 2; batch 1: (4+5+9)/3 = 6.
  KernelTester t;
  t.input<double>({2, 1, 3}, {1, 2, 3, 4, 5, 9}).output<double>({2, 1, 1});
  ASSERT_EQ(t.run("global_avg_pool.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<double>(), (std::vector<double>{2, 6}));
}

TEST(GlobalAvgPoolKernel, RejectsSpatialOutputDims) {
  KernelTester t;
  t.input<float>({1, 1, 2}, {1, 2}).output<float>({1, 1, 2});
  EXPECT_EQ(t.run("global_avg_pool.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the output's spatial dims must be 1");
}

}  // namespace
}  // namespace ingot::rt
