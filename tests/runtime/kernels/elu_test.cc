// Kernel tests of elu: expected values worked out by hand from the op's definition.
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

TEST(EluKernel, Alpha2) {
  KernelTester t;
  t.input<float>({3}, {-1.0f, 0.0f, 1.5f}).output<float>({3}).attr("alpha", 2.0);
  ASSERT_EQ(t.run("elu.portable"), Error::ok) << t.message();
  // 2 * (e^-1 - 1) = 2 * (0.36787944 - 1) = -1.26424112; 0; 1.5
  testing::expect_near(t.output_values<float>(), {-1.26424112f, 0.0f, 1.5f});
}

TEST(EluKernel, DefaultAlpha) {
  KernelTester t;
  t.input<float>({1}, {-2.0f}).output<float>({1});
  ASSERT_EQ(t.run("elu.portable"), Error::ok) << t.message();
  // e^-2 - 1 = 0.13533528 - 1
  testing::expect_near(t.output_values<float>(), {-0.86466472f});
}

TEST(EluKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int64_t>({1}, {-1}).output<int64_t>({1}).attr("alpha", 1.0);
  EXPECT_EQ(t.run("elu.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
