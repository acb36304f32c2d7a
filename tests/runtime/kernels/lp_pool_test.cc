#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using ::testing::FloatNear;
using ::testing::Pointwise;
using testing::KernelTester;

using Ints = std::vector<int64_t>;

void set_window(KernelTester& t, Ints kernel, Ints strides, Ints pads, double p) {
  t.attr("kernel_shape", std::move(kernel)).attr("strides", std::move(strides)).attr("pads", std::move(pads));
  t.attr("dilations", Ints{1}).attr("ceil_mode", 0).attr("p", p);
}

TEST(LpPoolKernel, TwoNorm) {
  // [3 4 0 5], windows of 2, stride 2: sqrt(9+16) = 5, sqrt(0+25) = 5.
  KernelTester t;
  t.input<float>({1, 1, 4}, {3, 4, 0, 5}).output<float>({1, 1, 2});
  set_window(t, {2}, {2}, {0, 0}, 2.0);
  ASSERT_EQ(t.run("lp_pool.portable"), Error::ok) << t.message();
  EXPECT_THAT(t.output_values<float>(), Pointwise(FloatNear(1e-6f), std::vector<float>{5, 5}));
}

TEST(LpPoolKernel, OneNormWithPads) {
  // [-1 2] padded by one zero each side, windows of 2: |0|+|-1| = 1,
  // |-1|+|2| = 3, |2|+|0| = 2.
  KernelTester t;
  t.input<float>({1, 1, 2}, {-1, 2}).output<float>({1, 1, 3});
  set_window(t, {2}, {1}, {1, 1}, 1.0);
  ASSERT_EQ(t.run("lp_pool.portable"), Error::ok) << t.message();
  EXPECT_THAT(t.output_values<float>(), Pointwise(FloatNear(1e-6f), std::vector<float>{1, 3, 2}));
}

TEST(LpPoolKernel, ThreeNorm) {
  // (1^3 + 2^3)^(1/3) = 9^(1/3) = 2.0800838...
  KernelTester t;
  t.input<float>({1, 1, 2}, {1, 2}).output<float>({1, 1, 1});
  set_window(t, {2}, {1}, {0, 0}, 3.0);
  ASSERT_EQ(t.run("lp_pool.portable"), Error::ok) << t.message();
  EXPECT_THAT(t.output_values<float>(), Pointwise(FloatNear(1e-6f), std::vector<float>{2.0800838f}));
}

TEST(LpPoolKernel, RejectsANonPositiveP) {
  KernelTester t;
  t.input<float>({1, 1, 2}, {1, 2}).output<float>({1, 1, 1});
  set_window(t, {2}, {1}, {0, 0}, 0.0);
  EXPECT_EQ(t.run("lp_pool.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "p must be positive, not 0");
}

}  // namespace
}  // namespace ingot::rt
