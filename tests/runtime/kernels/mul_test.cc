// Kernel tests of mul: expected values worked out by hand from the op's definition.
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/elementwise_test_util.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;
using Bytes = std::vector<uint8_t>;
using testing::kNaN;
using testing::kInf;

TEST(MulKernel, SameShapeF64) {
  KernelTester t;
  t.input<double>({2}, {1.5, -2.0}).input<double>({2}, {4.0, 0.25}).output<double>({2});
  ASSERT_EQ(t.run("mul.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<double>(), (std::vector<double>{6.0, -0.5}));
}

TEST(MulKernel, BroadcastsBothOperands) {
  KernelTester t;
  t.input<int64_t>({3}, {1, 2, 3}).input<int64_t>({2, 1}, {10, -1}).output<int64_t>({2, 3});
  ASSERT_EQ(t.run("mul.portable"), Error::ok) << t.message();
  // y[i][j] = a[j] * b[i]
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{10, 20, 30, -1, -2, -3}));
}

TEST(MulKernel, IntegersWrap) {
  KernelTester t;
  t.input<int32_t>({1}, {65536}).input<int32_t>({1}, {65536}).output<int32_t>({1});
  ASSERT_EQ(t.run("mul.portable"), Error::ok) << t.message();
  // 2^16 * 2^16 = 2^32 = 0 mod 2^32
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{0}));

  KernelTester u;
  u.input<uint16_t>({1}, {65535}).input<uint16_t>({1}, {65535}).output<uint16_t>({1});
  ASSERT_EQ(u.run("mul.portable"), Error::ok) << u.message();
  // (2^16 - 1)^2 = 2^32 - 2^17 + 1 = 1 mod 2^16
  EXPECT_EQ(u.output_values<uint16_t>(), (std::vector<uint16_t>{1}));
}

TEST(MulKernel, BFloat16) {
  KernelTester t;
  t.input_bytes(DType::bf16, {2}, testing::bf16_bytes({1.5f, -3.0f}))
      .input_bytes(DType::bf16, {2}, testing::bf16_bytes({2.0f, 0.5f}))
      .output(DType::bf16, {2});
  ASSERT_EQ(t.run("mul.portable"), Error::ok) << t.message();
  EXPECT_EQ(testing::bf16_values(t.output_bytes()), (std::vector<float>{3.0f, -1.5f}));
}

TEST(MulKernel, RejectsBool) {
  KernelTester t;
  t.input<bool>({1}, {true}).input<bool>({1}, {true}).output<bool>({1});
  EXPECT_EQ(t.run("mul.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "bool operands are not supported");
}

}  // namespace
}  // namespace ingot::rt
