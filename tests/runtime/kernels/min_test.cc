// Kernel tests of min: expected values worked out by hand from the op's definition.
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

TEST(MinKernel, FloatsPropagateNaN) {
  KernelTester t;
  t.input<float>({4}, {1.0f, 5.0f, kNaN, 2.0f}).input<float>({4}, {3.0f, 2.0f, 1.0f, kNaN}).output<float>({4});
  ASSERT_EQ(t.run("min.portable"), Error::ok) << t.message();
  std::vector<float> y = t.output_values<float>();
  EXPECT_EQ(y[0], 1.0f);
  EXPECT_EQ(y[1], 2.0f);
  EXPECT_TRUE(std::isnan(y[2]));
  EXPECT_TRUE(std::isnan(y[3]));
}

TEST(MinKernel, BroadcastsIntegers) {
  KernelTester t;
  t.input<int8_t>({2, 2}, {-5, 7, 3, -128}).input<int8_t>({2}, {0, 4}).output<int8_t>({2, 2});
  ASSERT_EQ(t.run("min.portable"), Error::ok) << t.message();
  // min(-5,0), min(7,4), min(3,0), min(-128,4)
  EXPECT_EQ(t.output_values<int8_t>(), (std::vector<int8_t>{-5, 4, 0, -128}));
}

TEST(MinKernel, Unsigned64) {
  KernelTester t;
  t.input<uint64_t>({2}, {18446744073709551615ull, 3}).input<uint64_t>({2}, {1, 18446744073709551615ull}).output<uint64_t>({2});
  ASSERT_EQ(t.run("min.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<uint64_t>(), (std::vector<uint64_t>{1, 3}));
}

TEST(MinKernel, RejectsBool) {
  KernelTester t;
  t.input<bool>({1}, {true}).input<bool>({1}, {false}).output<bool>({1});
  EXPECT_EQ(t.run("min.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
