// Kernel tests of where: expected values worked out by hand from the op's definition.
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

TEST(WhereKernel, BroadcastsTheConditionAndAScalar) {
  KernelTester t;
  t.input<bool>({2}, {true, false}).input<float>({2, 2}, {1, 2, 3, 4}).input<float>({}, {0}).output<float>({2, 2});
  ASSERT_EQ(t.run("where.portable"), Error::ok) << t.message();
  // Column 0 takes x, column 1 takes y (0)
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 0, 3, 0}));
}

TEST(WhereKernel, BroadcastsAllThree) {
  KernelTester t;
  t.input<bool>({2, 1}, {true, false})
      .input<int64_t>({3}, {1, 2, 3})
      .input<int64_t>({2, 3}, {10, 20, 30, 40, 50, 60})
      .output<int64_t>({2, 3});
  ASSERT_EQ(t.run("where.portable"), Error::ok) << t.message();
  // Row 0: condition true, x = {1,2,3}; row 1: false, y's row 1 = {40,50,60}
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{1, 2, 3, 40, 50, 60}));
}

TEST(WhereKernel, CopiesHalfAndBoolElements) {
  KernelTester t;
  t.input<bool>({3}, {false, true, false})
      .input_bytes(DType::f16, {3}, testing::f16_bytes({1.5f, 2.5f, 3.5f}))
      .input_bytes(DType::f16, {3}, testing::f16_bytes({-1.0f, -2.0f, -3.0f}))
      .output(DType::f16, {3});
  ASSERT_EQ(t.run("where.portable"), Error::ok) << t.message();
  EXPECT_EQ(testing::f16_values(t.output_bytes()), (std::vector<float>{-1.0f, 2.5f, -3.0f}));

  KernelTester b;
  b.input<bool>({2}, {true, false}).input<bool>({2}, {false, false}).input<bool>({2}, {true, true}).output<bool>({2});
  ASSERT_EQ(b.run("where.portable"), Error::ok) << b.message();
  EXPECT_EQ(b.output_bytes(), (Bytes{0, 1}));
}

TEST(WhereKernel, RejectsANonBoolCondition) {
  KernelTester t;
  t.input<uint8_t>({1}, {1}).input<float>({1}, {1}).input<float>({1}, {2}).output<float>({1});
  EXPECT_EQ(t.run("where.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the condition must be bool");
}

TEST(WhereKernel, RejectsShapesThatDoNotBroadcast) {
  KernelTester t;
  t.input<bool>({3}, {true, false, true}).input<float>({2}, {1, 2}).input<float>({2}, {3, 4}).output<float>({2});
  EXPECT_EQ(t.run("where.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "operand shapes do not broadcast to the result's (or rank above 8)");
}

}  // namespace
}  // namespace ingot::rt
