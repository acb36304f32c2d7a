// Kernel tests of thresholded_relu: expected values worked out by hand from the op's definition.
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

TEST(ThresholdedReluKernel, DefaultAlpha) {
  KernelTester t;
  t.input<float>({4}, {0.5f, 1.0f, 1.5f, -2.0f}).output<float>({4});
  ASSERT_EQ(t.run("thresholded_relu.portable"), Error::ok) << t.message();
  // x > 1 ? x : 0; 1 itself is not above the threshold
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{0.0f, 0.0f, 1.5f, 0.0f}));
}

TEST(ThresholdedReluKernel, NegativeAlpha) {
  KernelTester t;
  t.input<double>({2}, {-2.0, -0.5}).output<double>({2}).attr("alpha", -1.0);
  ASSERT_EQ(t.run("thresholded_relu.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<double>(), (std::vector<double>{0.0, -0.5}));
}

TEST(ThresholdedReluKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("thresholded_relu.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
