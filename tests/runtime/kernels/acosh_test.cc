// Kernel tests of acosh: expected values worked out by hand from the op's definition.
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

TEST(AcoshKernel, F32) {
  KernelTester t;
  std::vector<float> x = {1.0f, 2.0f, 0.5f};
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({static_cast<int64_t>(x.size())});
  ASSERT_EQ(t.run("acosh.portable"), Error::ok) << t.message();
  // ln(x + sqrt(x^2-1)): ln 1, ln(2 + sqrt 3) = ln 3.7320508; below 1 is NaN
  testing::expect_near(t.output_values<float>(), {0.0f, 1.3169579f, kNaN});
}

TEST(AcoshKernel, F64) {
  KernelTester t;
  t.input<double>({1, 1}, {3}).output<double>({1, 1});
  ASSERT_EQ(t.run("acosh.portable"), Error::ok) << t.message();
  // ln(3 + sqrt 8) = ln 5.82842712474619
  testing::expect_near(t.output_values<double>(), {1.762747174039086}, 1e-12);
}

TEST(AcoshKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("acosh.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt
