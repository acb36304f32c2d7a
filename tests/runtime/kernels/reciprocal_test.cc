// Kernel tests of reciprocal: expected values worked out by hand from the op's definition.
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

TEST(ReciprocalKernel, F32) {
  KernelTester t;
  std::vector<float> x = {2.0f, -0.5f, 0.0f, 4.0f};
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({static_cast<int64_t>(x.size())});
  ASSERT_EQ(t.run("reciprocal.portable"), Error::ok) << t.message();
  // 1/0 = inf (IEEE)
  testing::expect_near(t.output_values<float>(), {0.5f, -2.0f, kInf, 0.25f});
}

TEST(ReciprocalKernel, F64) {
  KernelTester t;
  t.input<double>({1, 1}, {3}).output<double>({1, 1});
  ASSERT_EQ(t.run("reciprocal.portable"), Error::ok) << t.message();
  // 1/3
  testing::expect_near(t.output_values<double>(), {0.3333333333333333}, 1e-12);
}

TEST(ReciprocalKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("reciprocal.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt
