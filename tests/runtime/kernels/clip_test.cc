// Kernel tests of clip: expected values worked out by hand from the op's definition.
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

TEST(ClipKernel, AttributeBounds) {
  KernelTester t;
  t.input<float>({6}, {-3.0f, -1.0f, 0.5f, 2.0f, 5.0f, kNaN}).output<float>({6}).attr("min", -1.0).attr("max", 2.0);
  ASSERT_EQ(t.run("clip.portable"), Error::ok) << t.message();
  testing::expect_near(t.output_values<float>(), {-1.0f, -1.0f, 0.5f, 2.0f, 2.0f, kNaN}, 0.0);
}

TEST(ClipKernel, InfiniteBoundsOnIntegers) {
  KernelTester t;
  t.input<int32_t>({2}, {std::numeric_limits<int32_t>::min(), 7})
      .output<int32_t>({2})
      .attr("min", -std::numeric_limits<double>::infinity())
      .attr("max", 3.0);
  ASSERT_EQ(t.run("clip.portable"), Error::ok) << t.message();
  // -inf saturates to the lowest int32: nothing below it
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{std::numeric_limits<int32_t>::min(), 3}));
}

TEST(ClipKernel, MinAboveMaxGivesMax) {
  KernelTester t;
  t.input<float>({2}, {0.0f, 5.0f}).output<float>({2}).attr("min", 2.0).attr("max", 1.0);
  ASSERT_EQ(t.run("clip.portable"), Error::ok) << t.message();
  // min(max(x, 2), 1) = 1
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1.0f, 1.0f}));
}

TEST(ClipKernel, OperandBounds) {
  KernelTester t;
  t.input<int8_t>({3}, {-100, 0, 100}).input<int8_t>({}, {-5}).output<int8_t>({3});
  ASSERT_EQ(t.run("clip.portable"), Error::ok) << t.message();
  // min operand -5, no max operand: unbounded above
  EXPECT_EQ(t.output_values<int8_t>(), (std::vector<int8_t>{-5, 0, 100}));

  KernelTester h;
  h.input_bytes(DType::f16, {2}, testing::f16_bytes({-1.0f, 3.0f}))
      .absent_input()
      .input_bytes(DType::f16, {}, testing::f16_bytes({2.0f}))
      .output(DType::f16, {2});
  ASSERT_EQ(h.run("clip.portable"), Error::ok) << h.message();
  // no min operand, max operand 2
  EXPECT_EQ(testing::f16_values(h.output_bytes()), (std::vector<float>{-1.0f, 2.0f}));
}

TEST(ClipKernel, RejectsANonScalarBound) {
  KernelTester t;
  t.input<float>({2}, {1, 2}).input<float>({2}, {0, 0}).output<float>({2});
  EXPECT_EQ(t.run("clip.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the min bound must be a scalar");
}

}  // namespace
}  // namespace ingot::rt
