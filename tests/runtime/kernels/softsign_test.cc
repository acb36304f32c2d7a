// Kernel tests of softsign: expected values worked out by hand from the op's definition.
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

TEST(SoftsignKernel, Floats) {
  KernelTester t;
  t.input<float>({4}, {1.0f, -3.0f, 0.0f, 0.5f}).output<float>({4});
  ASSERT_EQ(t.run("softsign.portable"), Error::ok) << t.message();
  // 1/2, -3/4, 0, 0.5/1.5
  testing::expect_near(t.output_values<float>(), {0.5f, -0.75f, 0.0f, 0.33333333f});
}

TEST(SoftsignKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("softsign.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
