// Kernel tests of asin: expected values worked out by hand from the op's definition.
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

TEST(AsinKernel, F32) {
  KernelTester t;
  std::vector<float> x = {0.0f, 0.5f, 1.0f, -1.0f, 2.0f};
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({static_cast<int64_t>(x.size())});
  ASSERT_EQ(t.run("asin.portable"), Error::ok) << t.message();
  // pi/6, pi/2, -pi/2; outside [-1, 1] is NaN
  testing::expect_near(t.output_values<float>(), {0.0f, 0.52359878f, 1.5707963f, -1.5707963f, kNaN});
}

TEST(AsinKernel, F64) {
  KernelTester t;
  t.input<double>({1, 1}, {0.5}).output<double>({1, 1});
  ASSERT_EQ(t.run("asin.portable"), Error::ok) << t.message();
  // pi/6
  testing::expect_near(t.output_values<double>(), {0.5235987755982989}, 1e-12);
}

TEST(AsinKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("asin.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt
