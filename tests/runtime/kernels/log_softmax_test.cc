#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using ::testing::FloatNear;
using ::testing::Pointwise;
using testing::KernelTester;

TEST(LogSoftmaxKernel, LastAxis) {
  KernelTester t;
  t.input<float>({1, 2}, {0, std::log(3.0f)}).output<float>({1, 2});
  t.attr("axis", 1);
  ASSERT_EQ(t.run("log_softmax.portable"), Error::ok) << t.message();
  // ln(1/4) = -1.3862944, ln(3/4) = -0.2876821
  EXPECT_THAT(t.output_values<float>(), Pointwise(FloatNear(1e-6), std::vector<float>{-1.3862944f, -0.2876821f}));
}

TEST(LogSoftmaxKernel, FirstAxisWithLargeValues) {
  KernelTester t;
  // Columns (1000, 1001) and (-3, -3).
  t.input<float>({2, 2}, {1000, -3, 1001, -3}).output<float>({2, 2});
  t.attr("axis", 0);
  ASSERT_EQ(t.run("log_softmax.portable"), Error::ok) << t.message();
  // x - max - ln(1 + e^-1): ln(1 + 1/e) = 0.3132617, so -1.3132617 and -0.3132617; ln(1/2) = -0.6931472
  EXPECT_THAT(t.output_values<float>(),
              Pointwise(FloatNear(1e-5), std::vector<float>{-1.3132617f, -0.6931472f, -0.3132617f, -0.6931472f}));
}

TEST(LogSoftmaxKernel, RejectsAnAxisOutOfRange) {
  KernelTester t;
  t.input<float>({2}, {1, 2}).output<float>({2});
  t.attr("axis", 1);
  EXPECT_EQ(t.run("log_softmax.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "axis 1 is out of range for rank 1");
}

}  // namespace
}  // namespace ingot::rt
