// Kernel tests of cos: expected values worked out by hand from the op's definition.
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

TEST(CosKernel, F32) {
  KernelTester t;
  std::vector<float> x = {0.0f, 1.0471976f, 3.1415927f};
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({static_cast<int64_t>(x.size())});
  ASSERT_EQ(t.run("cos.portable"), Error::ok) << t.message();
  // cos 0, cos pi/3, cos pi
  testing::expect_near(t.output_values<float>(), {1.0f, 0.5f, -1.0f});
}

TEST(CosKernel, F64) {
  KernelTester t;
  t.input<double>({1, 1}, {0}).output<double>({1, 1});
  ASSERT_EQ(t.run("cos.portable"), Error::ok) << t.message();
  // cos 0
  testing::expect_near(t.output_values<double>(), {1}, 1e-12);
}

TEST(CosKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("cos.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt
