// Kernel tests of max: expected values worked out by hand from the op's definition.
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

TEST(MaxKernel, FloatsPropagateNaN) {
  KernelTester t;
  t.input<float>({4}, {1.0f, 5.0f, kNaN, -2.0f}).input<float>({4}, {3.0f, 2.0f, 1.0f, kNaN}).output<float>({4});
  ASSERT_EQ(t.run("max.portable"), Error::ok) << t.message();
  std::vector<float> y = t.output_values<float>();
  EXPECT_EQ(y[0], 3.0f);
  EXPECT_EQ(y[1], 5.0f);
  EXPECT_TRUE(std::isnan(y[2]));
  EXPECT_TRUE(std::isnan(y[3]));
}

TEST(MaxKernel, BroadcastsIntegers) {
  KernelTester t;
  t.input<int16_t>({3, 1}, {-5, 7, 3}).input<int16_t>({2}, {0, 4}).output<int16_t>({3, 2});
  ASSERT_EQ(t.run("max.portable"), Error::ok) << t.message();
  // y[i][j] = max(a[i], b[j])
  EXPECT_EQ(t.output_values<int16_t>(), (std::vector<int16_t>{0, 4, 7, 7, 3, 4}));
}

TEST(MaxKernel, Half) {
  KernelTester t;
  t.input_bytes(DType::f16, {2}, testing::f16_bytes({-1.5f, 0.25f}))
      .input_bytes(DType::f16, {}, testing::f16_bytes({0.0f}))
      .output(DType::f16, {2});
  ASSERT_EQ(t.run("max.portable"), Error::ok) << t.message();
  EXPECT_EQ(testing::f16_values(t.output_bytes()), (std::vector<float>{0.0f, 0.25f}));
}

TEST(MaxKernel, RejectsShapesThatDoNotBroadcast) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).input<float>({2}, {1, 2}).output<float>({2, 3});
  EXPECT_EQ(t.run("max.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
