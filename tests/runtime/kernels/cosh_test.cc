// Kernel tests of cosh: expected values worked out by hand from the op's definition.
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

TEST(CoshKernel, F32) {
  KernelTester t;
  std::vector<float> x = {0.0f, 1.0f, -1.0f};
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({static_cast<int64_t>(x.size())});
  ASSERT_EQ(t.run("cosh.portable"), Error::ok) << t.message();
  // (e + 1/e)/2 = (2.7182818 + 0.3678794)/2; even
  testing::expect_near(t.output_values<float>(), {1.0f, 1.5430806f, 1.5430806f});
}

TEST(CoshKernel, F64) {
  KernelTester t;
  t.input<double>({1, 1}, {2}).output<double>({1, 1});
  ASSERT_EQ(t.run("cosh.portable"), Error::ok) << t.message();
  // (e^2 + e^-2)/2 = (7.38905609893065 + 0.1353352832366127)/2
  testing::expect_near(t.output_values<double>(), {3.7621956910836314}, 1e-12);
}

TEST(CoshKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("cosh.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt
