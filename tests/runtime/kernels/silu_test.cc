// Kernel tests of silu: expected values worked out by hand from the op's definition.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/elementwise_test_util.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(SiluKernel, F32) {
  KernelTester t;
  std::vector<float> x = {0.0f, 1.0f, -1.0f, 100.0f, -100.0f};
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({static_cast<int64_t>(x.size())});
  ASSERT_EQ(t.run("silu.portable"), Error::ok) << t.message();
  // 0 * 1/2; 1/(1+e^-1) = 1/1.36787944; -1/(1+e) = -1/3.71828183; x for large x; -100 e^-100 ~ -3.7e-42 (denormal) for small
  testing::expect_near(t.output_values<float>(), {0.0f, 0.73105858f, -0.26894142f, 100.0f, -3.72e-42f});
}

TEST(SiluKernel, F64) {
  KernelTester t;
  t.input<double>({1, 1}, {2}).output<double>({1, 1});
  ASSERT_EQ(t.run("silu.portable"), Error::ok) << t.message();
  // 2/(1+e^-2) = 2/1.1353352832366128
  testing::expect_near(t.output_values<double>(), {1.7615941559557646}, 1e-12);
}

TEST(SiluKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("silu.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt
