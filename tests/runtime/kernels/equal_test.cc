// Kernel tests of equal: expected values worked out by hand from the op's definition.
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

TEST(EqualKernel, Floats) {
  KernelTester t;
  t.input<float>({5}, {1.0f, 2.0f, 3.0f, kNaN, -0.0f}).input<float>({5}, {2.0f, 2.0f, 2.0f, kNaN, 0.0f}).output<bool>({5});
  ASSERT_EQ(t.run("equal.portable"), Error::ok) << t.message();
  // (1,2) (2,2) (3,2); NaN compares false with everything but !=; -0 equals 0
  EXPECT_EQ(t.output_bytes(), (Bytes{0, 1, 0, 0, 1}));
}

TEST(EqualKernel, BroadcastsIntegers) {
  KernelTester t;
  t.input<int64_t>({2, 1}, {-1, 5}).input<int64_t>({3}, {-1, 0, 5}).output<bool>({2, 3});
  ASSERT_EQ(t.run("equal.portable"), Error::ok) << t.message();
  // y[i][j] = a[i] op b[j]: (-1,-1) (-1,0) (-1,5) (5,-1) (5,0) (5,5)
  EXPECT_EQ(t.output_bytes(), (Bytes{1, 0, 0, 0, 0, 1}));
}

TEST(EqualKernel, UnsignedAndHalf) {
  KernelTester t;
  t.input<uint8_t>({2}, {0, 255}).input<uint8_t>({2}, {255, 0}).output<bool>({2});
  ASSERT_EQ(t.run("equal.portable"), Error::ok) << t.message();
  // (0,255) (255,0): unsigned, so 255 is the larger
  EXPECT_EQ(t.output_bytes(), (Bytes{0, 0}));

  KernelTester h;
  h.input_bytes(DType::f16, {2}, testing::f16_bytes({0.5f, 1.5f}))
      .input_bytes(DType::f16, {2}, testing::f16_bytes({1.5f, 0.5f}))
      .output<bool>({2});
  ASSERT_EQ(h.run("equal.portable"), Error::ok) << h.message();
  EXPECT_EQ(h.output_bytes(), (Bytes{0, 0}));
}

TEST(EqualKernel, RejectsMixedDtypes) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).input<int64_t>({1}, {1}).output<bool>({1});
  EXPECT_EQ(t.run("equal.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "operands must share a dtype");
}

TEST(EqualKernel, RejectsANonBoolResult) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("equal.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the result must be bool");
}

}  // namespace
}  // namespace ingot::rt
