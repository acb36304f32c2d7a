// Kernel tests of hard_swish: expected values worked out by hand from the op's definition.
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

TEST(HardSwishKernel, Floats) {
  KernelTester t;
  t.input<float>({6}, {-4.0f, -3.0f, 0.0f, 1.0f, 3.0f, 4.0f}).output<float>({6});
  ASSERT_EQ(t.run("hard_swish.portable"), Error::ok) << t.message();
  // x * clamp(x/6 + 0.5, 0, 1): -4 * 0; -3 * 0; 0; 1 * (1/6 + 1/2) = 2/3; 3 * 1; 4 * 1
  testing::expect_near(t.output_values<float>(), {0.0f, 0.0f, 0.0f, 0.66666667f, 3.0f, 4.0f});
}

TEST(HardSwishKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("hard_swish.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
