// Kernel tests of erf: expected values worked out by hand from the op's definition.
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

TEST(ErfKernel, F32) {
  KernelTester t;
  std::vector<float> x = {0.0f, 1.0f, -0.5f, 3.0f};
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({static_cast<int64_t>(x.size())});
  ASSERT_EQ(t.run("erf.portable"), Error::ok) << t.message();
  // tabulated erf(1), erf(0.5), erf(3); odd
  testing::expect_near(t.output_values<float>(), {0.0f, 0.84270079f, -0.52049988f, 0.99997791f});
}

TEST(ErfKernel, F64) {
  KernelTester t;
  t.input<double>({1, 1}, {2}).output<double>({1, 1});
  ASSERT_EQ(t.run("erf.portable"), Error::ok) << t.message();
  // tabulated erf(2)
  testing::expect_near(t.output_values<double>(), {0.9953222650189527}, 1e-12);
}

TEST(ErfKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("erf.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt
