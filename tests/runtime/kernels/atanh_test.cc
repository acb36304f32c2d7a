// Kernel tests of atanh: expected values worked out by hand from the op's definition.
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

TEST(AtanhKernel, F32) {
  KernelTester t;
  std::vector<float> x = {0.0f, 0.5f, -0.5f, 1.0f};
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({static_cast<int64_t>(x.size())});
  ASSERT_EQ(t.run("atanh.portable"), Error::ok) << t.message();
  // ln((1+x)/(1-x))/2: ln 3 / 2 = 1.0986123/2; odd; atanh 1 = inf
  testing::expect_near(t.output_values<float>(), {0.0f, 0.54930614f, -0.54930614f, kInf});
}

TEST(AtanhKernel, F64) {
  KernelTester t;
  t.input<double>({1, 1}, {0.25}).output<double>({1, 1});
  ASSERT_EQ(t.run("atanh.portable"), Error::ok) << t.message();
  // ln(1.25/0.75)/2 = ln(5/3)/2 = 0.5108256237659907/2
  testing::expect_near(t.output_values<double>(), {0.25541281188299536}, 1e-12);
}

TEST(AtanhKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("atanh.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects a float operand, got i32");
}

}  // namespace
}  // namespace ingot::rt
