#include <cstdint>
#include <numeric>

#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

// x[r][c] = 4r + c, a [3, 4] tensor of 0..11.
std::vector<float> iota12() {
  std::vector<float> v(12);
  std::iota(v.begin(), v.end(), 0.0f);
  return v;
}

TEST(SliceKernel, ClampedAttributesWithAStep) {
  KernelTester t;
  t.input<float>({3, 4}, iota12()).output<float>({2, 2});
  t.attr("starts", std::vector<int64_t>{0, 1}).attr("ends", std::vector<int64_t>{2, 4});
  t.attr("axes", std::vector<int64_t>{0, 1}).attr("steps", std::vector<int64_t>{1, 2});
  ASSERT_EQ(t.run("slice.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 3, 5, 7}));  // rows 0-1, columns 1 and 3
}

TEST(SliceKernel, NegativeStepReversesAnAxis) {
  KernelTester t;
  t.input<float>({3, 4}, iota12()).output<float>({3, 4});
  // Clamped bounds going backward: start 3, end -1 (before the first element).
  t.attr("starts", std::vector<int64_t>{3}).attr("ends", std::vector<int64_t>{-1});
  t.attr("axes", std::vector<int64_t>{1}).attr("steps", std::vector<int64_t>{-1});
  ASSERT_EQ(t.run("slice.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8}));
}

TEST(SliceKernel, RunTimeOperandsFollowOnnx) {
  KernelTester t;
  // start -1 -> 3; end -1000 -> -996, clamped to -1; step -2 picks columns 3 and 1.
  t.input<float>({3, 4}, iota12())
      .input<int64_t>({1}, {-1})
      .input<int64_t>({1}, {-1000})
      .input<int64_t>({1}, {-1})
      .input<int64_t>({1}, {-2})
      .output<float>({3, 2});
  ASSERT_EQ(t.run("slice.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{3, 1, 7, 5, 11, 9}));
}

TEST(SliceKernel, RunTimeInt32OperandsWithDefaultAxesAndSteps) {
  KernelTester t;
  // Axis 0 by default; end 100 clamps to 3.
  t.input<float>({3, 4}, iota12()).input<int32_t>({1}, {1}).input<int32_t>({1}, {100}).output<float>({2, 4});
  ASSERT_EQ(t.run("slice.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{4, 5, 6, 7, 8, 9, 10, 11}));
}

TEST(SliceKernel, RunTimeBoundsPastTheEndGiveAnEmptyAxis) {
  KernelTester t;
  t.input<float>({3, 4}, iota12())
      .input<int64_t>({1}, {INT64_MAX})
      .input<int64_t>({1}, {INT64_MAX})
      .input<int64_t>({1}, {1})
      .output<float>({3, 0});
  EXPECT_EQ(t.run("slice.portable"), Error::ok) << t.message();
}

TEST(SliceKernel, RejectsAnOutputOfAnotherShape) {
  KernelTester t;
  t.input<float>({3, 4}, iota12()).input<int64_t>({1}, {0}).input<int64_t>({1}, {2}).output<float>({3, 4});
  EXPECT_EQ(t.run("slice.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "output dim 0 must be 2");
}

TEST(SliceKernel, RejectsUnclampedAttributes) {
  KernelTester t;
  t.input<float>({3, 4}, iota12()).output<float>({3, 4});
  t.attr("starts", std::vector<int64_t>{0}).attr("ends", std::vector<int64_t>{5});
  t.attr("axes", std::vector<int64_t>{1}).attr("steps", std::vector<int64_t>{1});
  EXPECT_EQ(t.run("slice.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "slice bounds are not clamped");
}

}  // namespace
}  // namespace ingot::rt
