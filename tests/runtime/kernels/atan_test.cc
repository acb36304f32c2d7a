// Kernel tests of atan: expected values worked out by hand from the op's definition.
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

TEST(AtanKernel, F32) {
  KernelTester t;
  std::vector<float> x = {0.0f, 1.0f, -1.0f, kInf};
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({static_cast<int64_t>(x.size())});
  ASSERT_EQ(t.run("atan.portable"), Error::ok) << t.message();
  // 0, pi/4, -pi/4, pi/2
  testing::expect_near(t.output_values<float>(), {0.0f, 0.78539816f, -0.78539816f, 1.5707963f});
}

TEST(AtanKernel, F64) {
  KernelTester t;
  t.input<double>({1, 1}, {1}).output<double>({1, 1});
  ASSERT_EQ(t.run("atan.portable"), Error::ok) << t.message();
  // pi/4
  testing::expect_near(t.output_values<double>(), {0.7853981633974483}, 1e-12);
}

TEST(AtanKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("atan.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt
