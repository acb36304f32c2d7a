// Kernel tests of hard_sigmoid: expected values worked out by hand from the op's definition.
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

TEST(HardSigmoidKernel, GivenAlphaAndBeta) {
  KernelTester t;
  t.input<float>({4}, {-2.0f, 0.0f, 0.5f, 2.0f}).output<float>({4}).attr("alpha", 0.5).attr("beta", 0.6);
  ASSERT_EQ(t.run("hard_sigmoid.portable"), Error::ok) << t.message();
  // 0.5x + 0.6: -0.4 -> 0; 0.6; 0.85; 1.6 -> 1
  testing::expect_near(t.output_values<float>(), {0.0f, 0.6f, 0.85f, 1.0f});
}

TEST(HardSigmoidKernel, Defaults) {
  KernelTester t;
  t.input<float>({1}, {1.0f}).output<float>({1});
  ASSERT_EQ(t.run("hard_sigmoid.portable"), Error::ok) << t.message();
  // 0.2 * 1 + 0.5
  testing::expect_near(t.output_values<float>(), {0.7f});
}

TEST(HardSigmoidKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("hard_sigmoid.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
