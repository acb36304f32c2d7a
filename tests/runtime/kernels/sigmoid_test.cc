// Kernel tests of sigmoid: expected values worked out by hand from the op's definition.
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

TEST(SigmoidKernel, F32) {
  KernelTester t;
  std::vector<float> x = {0.0f, 1.0f, -1.0f, 100.0f, -100.0f};
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({static_cast<int64_t>(x.size())});
  ASSERT_EQ(t.run("sigmoid.portable"), Error::ok) << t.message();
  // 1/(1+1); 1/(1+e^-1) = 1/1.36787944; 1/(1+e) = 1/3.71828183; saturates at 1 and 0
  testing::expect_near(t.output_values<float>(), {0.5f, 0.73105858f, 0.26894142f, 1.0f, 0.0f});
}

TEST(SigmoidKernel, F64) {
  KernelTester t;
  t.input<double>({1, 1}, {2}).output<double>({1, 1});
  ASSERT_EQ(t.run("sigmoid.portable"), Error::ok) << t.message();
  // 1/(1+e^-2) = 1/1.1353352832366128
  testing::expect_near(t.output_values<double>(), {0.8807970779778823}, 1e-12);
}

TEST(SigmoidKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("sigmoid.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt

namespace ingot::rt {
namespace {

TEST(SigmoidKernel, BFloat16ComputesThroughFloat) {
  testing::KernelTester t;
  t.input_bytes(DType::bf16, {2}, testing::bf16_bytes({0.0f, 1.0f})).output(DType::bf16, {2});
  ASSERT_EQ(t.run("sigmoid.portable"), Error::ok) << t.message();
  // 0.7310586 = 1.4621172 * 2^-1; 7 mantissa bits: 1 + 59/128 (0.4621172 * 128 = 59.15) = 0.73046875
  EXPECT_EQ(testing::bf16_values(t.output_bytes()), (std::vector<float>{0.5f, 0.73046875f}));
}

}  // namespace
}  // namespace ingot::rt
