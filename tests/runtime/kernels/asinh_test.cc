// Kernel tests of asinh: expected values worked out by hand from the op's definition.
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

TEST(AsinhKernel, F32) {
  KernelTester t;
  std::vector<float> x = {0.0f, 1.0f, -1.0f};
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({static_cast<int64_t>(x.size())});
  ASSERT_EQ(t.run("asinh.portable"), Error::ok) << t.message();
  // ln(x + sqrt(x^2+1)): ln(1 + sqrt 2) = ln 2.4142136; odd
  testing::expect_near(t.output_values<float>(), {0.0f, 0.88137359f, -0.88137359f});
}

TEST(AsinhKernel, F64) {
  KernelTester t;
  t.input<double>({1, 1}, {2}).output<double>({1, 1});
  ASSERT_EQ(t.run("asinh.portable"), Error::ok) << t.message();
  // ln(2 + sqrt 5) = ln 4.23606797749979
  testing::expect_near(t.output_values<double>(), {1.4436354751788103}, 1e-12);
}

TEST(AsinhKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("asinh.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt
