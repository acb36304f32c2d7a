// Kernel tests of sign: expected values worked out by hand from the op's definition.
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

TEST(SignKernel, Floats) {
  KernelTester t;
  t.input<float>({5}, {-2.5f, 0.0f, 3.0f, kNaN, -kInf}).output<float>({5});
  ASSERT_EQ(t.run("sign.portable"), Error::ok) << t.message();
  testing::expect_near(t.output_values<float>(), {-1.0f, 0.0f, 1.0f, kNaN, -1.0f}, 0.0);
}

TEST(SignKernel, Integers) {
  KernelTester t;
  t.input<int64_t>({3}, {-7, 0, 9}).output<int64_t>({3});
  ASSERT_EQ(t.run("sign.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{-1, 0, 1}));

  KernelTester u;
  u.input<uint8_t>({2}, {0, 250}).output<uint8_t>({2});
  ASSERT_EQ(u.run("sign.portable"), Error::ok) << u.message();
  EXPECT_EQ(u.output_values<uint8_t>(), (std::vector<uint8_t>{0, 1}));
}

TEST(SignKernel, RejectsBool) {
  KernelTester t;
  t.input<bool>({1}, {true}).output<bool>({1});
  EXPECT_EQ(t.run("sign.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
