// Kernel tests of tanh: expected values worked out by hand from the op's definition.
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

TEST(TanhKernel, F32) {
  KernelTester t;
  std::vector<float> x = {0.0f, 1.0f, -0.5f, 20.0f};
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({static_cast<int64_t>(x.size())});
  ASSERT_EQ(t.run("tanh.portable"), Error::ok) << t.message();
  // (e^2x - 1)/(e^2x + 1): (e^2-1)/(e^2+1) = 6.3890561/8.3890561; odd; saturates
  testing::expect_near(t.output_values<float>(), {0.0f, 0.76159416f, -0.46211716f, 1.0f});
}

TEST(TanhKernel, F64) {
  KernelTester t;
  t.input<double>({1, 1}, {2}).output<double>({1, 1});
  ASSERT_EQ(t.run("tanh.portable"), Error::ok) << t.message();
  // (e^4-1)/(e^4+1) = 53.598150033/55.598150033
  testing::expect_near(t.output_values<double>(), {0.9640275800758169}, 1e-12);
}

TEST(TanhKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("tanh.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt
