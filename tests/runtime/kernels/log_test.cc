// Kernel tests of log: expected values worked out by hand from the op's definition.
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

TEST(LogKernel, F32) {
  KernelTester t;
  std::vector<float> x = {1.0f, 2.7182818f, 0.5f, 0.0f, -1.0f};
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({static_cast<int64_t>(x.size())});
  ASSERT_EQ(t.run("log.portable"), Error::ok) << t.message();
  // ln 1, ln e, -ln 2, ln 0 = -inf, ln of a negative is NaN
  testing::expect_near(t.output_values<float>(), {0.0f, 1.0f, -0.69314718f, -kInf, kNaN});
}

TEST(LogKernel, F64) {
  KernelTester t;
  t.input<double>({1, 1}, {10}).output<double>({1, 1});
  ASSERT_EQ(t.run("log.portable"), Error::ok) << t.message();
  // ln 10
  testing::expect_near(t.output_values<double>(), {2.302585092994046}, 1e-12);
}

TEST(LogKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("log.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt
