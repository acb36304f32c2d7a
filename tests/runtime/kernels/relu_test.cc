// Kernel tests of relu: expected values worked out by hand from the op's definition.
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

TEST(ReluKernel, Floats) {
  KernelTester t;
  t.input<float>({4}, {-1.0f, 0.0f, 2.5f, kNaN}).output<float>({4});
  ASSERT_EQ(t.run("relu.portable"), Error::ok) << t.message();
  testing::expect_near(t.output_values<float>(), {0.0f, 0.0f, 2.5f, kNaN}, 0.0);
}

TEST(ReluKernel, Integers) {
  KernelTester t;
  t.input<int32_t>({2, 2}, {-3, 4, std::numeric_limits<int32_t>::min(), 0}).output<int32_t>({2, 2});
  ASSERT_EQ(t.run("relu.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{0, 4, 0, 0}));
}

TEST(ReluKernel, RejectsBool) {
  KernelTester t;
  t.input<bool>({1}, {true}).output<bool>({1});
  EXPECT_EQ(t.run("relu.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
