// Kernel tests of shrink: expected values worked out by hand from the op's definition.
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

TEST(ShrinkKernel, LambdAndBias) {
  KernelTester t;
  t.input<float>({5}, {-3.0f, -1.5f, 0.0f, 1.5f, 2.0f}).output<float>({5}).attr("lambd", 1.5).attr("bias", 0.5);
  ASSERT_EQ(t.run("shrink.portable"), Error::ok) << t.message();
  // -3 < -1.5: -3 + 0.5; +-1.5 and 0 are within [-lambd, lambd]: 0; 2 > 1.5: 2 - 0.5
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{-2.5f, 0.0f, 0.0f, 0.0f, 1.5f}));
}

TEST(ShrinkKernel, Defaults) {
  KernelTester t;
  t.input<float>({3}, {-1.0f, 0.25f, 1.0f}).output<float>({3});
  ASSERT_EQ(t.run("shrink.portable"), Error::ok) << t.message();
  // lambd 0.5, bias 0: a hard shrink
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{-1.0f, 0.0f, 1.0f}));
}

TEST(ShrinkKernel, RejectsIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("shrink.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
