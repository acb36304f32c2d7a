// Kernel tests of softplus: expected values worked out by hand from the op's definition.
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

TEST(SoftplusKernel, Floats) {
  KernelTester t;
  t.input<float>({5}, {0.0f, 1.0f, -1.0f, 100.0f, -100.0f}).output<float>({5});
  ASSERT_EQ(t.run("softplus.portable"), Error::ok) << t.message();
  // ln 2; ln(1 + e) = ln 3.71828183; ln(1 + 1/e) = ln 1.36787944; 100 + ln(1 + e^-100) = 100; ln(1 + e^-100) ~ 0
  testing::expect_near(t.output_values<float>(), {0.69314718f, 1.31326169f, 0.31326169f, 100.0f, 0.0f});
}

TEST(SoftplusKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("softplus.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
