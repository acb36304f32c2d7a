// Kernel tests of sin: expected values worked out by hand from the op's definition.
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

TEST(SinKernel, F32) {
  KernelTester t;
  std::vector<float> x = {0.0f, 1.5707964f, 0.5235988f, -1.5707964f};
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({static_cast<int64_t>(x.size())});
  ASSERT_EQ(t.run("sin.portable"), Error::ok) << t.message();
  // sin 0, sin pi/2, sin pi/6, sin -pi/2
  testing::expect_near(t.output_values<float>(), {0.0f, 1.0f, 0.5f, -1.0f});
}

TEST(SinKernel, F64) {
  KernelTester t;
  t.input<double>({1, 1}, {0.5235987755982988}).output<double>({1, 1});
  ASSERT_EQ(t.run("sin.portable"), Error::ok) << t.message();
  // sin pi/6
  testing::expect_near(t.output_values<double>(), {0.5}, 1e-12);
}

TEST(SinKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("sin.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt
