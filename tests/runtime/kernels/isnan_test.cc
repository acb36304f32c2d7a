// Kernel tests of isnan: expected values worked out by hand from the op's definition.
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

TEST(IsnanKernel, Floats) {
  KernelTester t;
  t.input<float>({4}, {1.0f, kNaN, kInf, -kNaN}).output<bool>({4});
  ASSERT_EQ(t.run("isnan.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_bytes(), (Bytes{0, 1, 0, 1}));

  KernelTester h;
  h.input_bytes(DType::f16, {2}, testing::f16_bytes({kNaN, 0.5f})).output<bool>({2});
  ASSERT_EQ(h.run("isnan.portable"), Error::ok) << h.message();
  EXPECT_EQ(h.output_bytes(), (Bytes{1, 0}));
}

TEST(IsnanKernel, IntegersAreNeverNaN) {
  KernelTester t;
  t.input<int32_t>({2}, {0, -1}).output<bool>({2});
  ASSERT_EQ(t.run("isnan.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_bytes(), (Bytes{0, 0}));
}

TEST(IsnanKernel, RejectsANonBoolResult) {
  KernelTester t;
  t.input<float>({1}, {1}).output<float>({1});
  EXPECT_EQ(t.run("isnan.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the result must be bool");
}

}  // namespace
}  // namespace ingot::rt
