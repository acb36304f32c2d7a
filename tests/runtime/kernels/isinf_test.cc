// Kernel tests of isinf: expected values worked out by hand from the op's definition.
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

TEST(IsinfKernel, DetectsBothByDefault) {
  KernelTester t;
  t.input<float>({4}, {kInf, -kInf, 1.0f, kNaN}).output<bool>({4}).attr("detect_negative", 1).attr("detect_positive", 1);
  ASSERT_EQ(t.run("isinf.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_bytes(), (Bytes{1, 1, 0, 0}));
}

TEST(IsinfKernel, OneSignOnly) {
  KernelTester p;
  p.input<double>({3}, {kInf, -kInf, 0.0}).output<bool>({3}).attr("detect_negative", 0).attr("detect_positive", 1);
  ASSERT_EQ(p.run("isinf.portable"), Error::ok) << p.message();
  EXPECT_EQ(p.output_bytes(), (Bytes{1, 0, 0}));

  KernelTester n;
  n.input<double>({3}, {kInf, -kInf, 0.0}).output<bool>({3}).attr("detect_negative", 1).attr("detect_positive", 0);
  ASSERT_EQ(n.run("isinf.portable"), Error::ok) << n.message();
  EXPECT_EQ(n.output_bytes(), (Bytes{0, 1, 0}));
}

TEST(IsinfKernel, RejectsAResultOfAnotherShape) {
  KernelTester t;
  t.input<float>({2}, {1, 2}).output<bool>({1});
  EXPECT_EQ(t.run("isinf.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "operand and result shapes differ");
}

}  // namespace
}  // namespace ingot::rt
