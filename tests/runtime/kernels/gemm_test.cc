#include <cmath>

#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(GemmKernel, DefaultsWithoutC) {
  // [[1 2] [3 4]] x [[5 6] [7 8]] = [[5+14, 6+16], [15+28, 18+32]]
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).input<float>({2, 2}, {5, 6, 7, 8}).output<float>({2, 2});
  t.attr("alpha", 1.0).attr("beta", 1.0).attr("trans_a", 0).attr("trans_b", 0);
  ASSERT_EQ(t.run("gemm.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{19, 22, 43, 50}));
}

TEST(GemmKernel, TransposesScalesAndBroadcastsARowOfC) {
  // op(a) = [[1 2] [3 4]]^T = [[1 3] [2 4]]; op(b) = [[5 6] [7 8]]^T = [[5 7] [6 8]]
  // product: [[1*5+3*6, 1*7+3*8], [2*5+4*6, 2*7+4*8]] = [[23 31] [34 46]]
  // * alpha 0.5 = [[11.5 15.5] [17 23]]; + beta 2 * c [1 -1] per row
  // = [[13.5 13.5] [19 21]]
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).input<float>({2, 2}, {5, 6, 7, 8}).input<float>({2}, {1, -1});
  t.output<float>({2, 2});
  t.attr("alpha", 0.5).attr("beta", 2.0).attr("trans_a", 1).attr("trans_b", 1);
  ASSERT_EQ(t.run("gemm.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{13.5f, 13.5f, 19, 21}));
}

TEST(GemmKernel, BroadcastsAColumnAndAScalarC) {
  // [[1 2 3] [4 5 6]] x [1 1 1]^T = [6 15]; + c [[100] [200]] = [106 215]
  KernelTester column;
  column.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).input<float>({3, 1}, {1, 1, 1}).input<float>({2, 1}, {100, 200});
  column.output<float>({2, 1});
  ASSERT_EQ(column.run("gemm.portable"), Error::ok) << column.message();
  EXPECT_EQ(column.output_values<float>(), (std::vector<float>{106, 215}));
  // [19 22 43 50] (as above) + scalar c 10
  KernelTester scalar;
  scalar.input<float>({2, 2}, {1, 2, 3, 4}).input<float>({2, 2}, {5, 6, 7, 8}).input<float>({}, {10});
  scalar.output<float>({2, 2});
  ASSERT_EQ(scalar.run("gemm.portable"), Error::ok) << scalar.message();
  EXPECT_EQ(scalar.output_values<float>(), (std::vector<float>{29, 32, 53, 60}));
}

TEST(GemmKernel, BetaZeroIgnoresC) {
  // 2*3 = 6; c is NaN but beta = 0 leaves it out, as ONNX's reference does.
  KernelTester t;
  t.input<float>({1, 1}, {2}).input<float>({1, 1}, {3}).input<float>({1}, {std::nanf("")}).output<float>({1, 1});
  t.attr("beta", 0.0);
  ASSERT_EQ(t.run("gemm.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{6}));
}

TEST(GemmKernel, Integers) {
  // [2 -3] . [4 5] = 8 - 15 = -7; + c 1 = -6.
  KernelTester exact;
  exact.input<int32_t>({1, 2}, {2, -3}).input<int32_t>({2, 1}, {4, 5}).input<int32_t>({1}, {1}).output<int32_t>({1, 1});
  ASSERT_EQ(exact.run("gemm.portable"), Error::ok) << exact.message();
  EXPECT_EQ(exact.output_values<int32_t>(), (std::vector<int32_t>{-6}));
  // alpha 2.5: -7 * 2.5 + 1 = -16.5, truncated toward zero = -16.
  KernelTester scaled;
  scaled.input<int64_t>({1, 2}, {2, -3}).input<int64_t>({2, 1}, {4, 5}).input<int64_t>({1}, {1}).output<int64_t>({1, 1});
  scaled.attr("alpha", 2.5);
  ASSERT_EQ(scaled.run("gemm.portable"), Error::ok) << scaled.message();
  EXPECT_EQ(scaled.output_values<int64_t>(), (std::vector<int64_t>{-16}));
}

TEST(GemmKernel, RejectsACThatDoesNotBroadcast) {
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).input<float>({2, 2}, {5, 6, 7, 8}).input<float>({3}, {1, 2, 3});
  t.output<float>({2, 2});
  EXPECT_EQ(t.run("gemm.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "c does not broadcast to [2, 2]");
}

}  // namespace
}  // namespace ingot::rt
