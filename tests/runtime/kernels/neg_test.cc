// Kernel tests of neg: expected values worked out by hand from the op's definition.
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

TEST(NegKernel, Floats) {
  KernelTester t;
  t.input<float>({3}, {1.5f, -2.0f, 0.0f}).output<float>({3});
  ASSERT_EQ(t.run("neg.portable"), Error::ok) << t.message();
  std::vector<float> y = t.output_values<float>();
  EXPECT_EQ(y, (std::vector<float>{-1.5f, 2.0f, -0.0f}));
  EXPECT_TRUE(std::signbit(y[2]));
}

TEST(NegKernel, Integers) {
  KernelTester t;
  t.input<int8_t>({3}, {5, -7, -128}).output<int8_t>({3});
  ASSERT_EQ(t.run("neg.portable"), Error::ok) << t.message();
  // -(-128) = 128 wraps to -128
  EXPECT_EQ(t.output_values<int8_t>(), (std::vector<int8_t>{-5, 7, -128}));

  KernelTester w;
  w.input<int64_t>({2}, {std::numeric_limits<int64_t>::max(), -1}).output<int64_t>({2});
  ASSERT_EQ(w.run("neg.portable"), Error::ok) << w.message();
  EXPECT_EQ(w.output_values<int64_t>(), (std::vector<int64_t>{-std::numeric_limits<int64_t>::max(), 1}));
}

TEST(NegKernel, RejectsADifferentResultDtype) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int64_t>({1});
  EXPECT_EQ(t.run("neg.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the result must have the operand's dtype");
}

}  // namespace
}  // namespace ingot::rt
