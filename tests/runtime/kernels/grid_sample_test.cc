#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

// Pixel coordinate v of normalised n along an axis of size d:
//   align_corners=0: v = ((n + 1) * d - 1) / 2, border [-0.5, d - 0.5]
//   align_corners=1: v = (n + 1) / 2 * (d - 1), border [0, d - 1]

void expect_near(const std::vector<float>& got, const std::vector<float>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-5) << "element " << i;
}

TEST(GridSampleKernel, BilinearZerosPadding) {
  KernelTester t;
  // x = [[1, 2], [3, 4]]; points (x, y).
  t.input<float>({1, 1, 2, 2}, {1, 2, 3, 4})
      .input<float>({1, 2, 2, 2}, {0, 0, -1, -1, 1, -1, -0.5f, 0.5f})
      .output<float>({1, 1, 2, 2})
      .attr("mode", "bilinear")
      .attr("padding_mode", "zeros")
      .attr("align_corners", 0);
  ASSERT_EQ(t.run("grid_sample.portable"), Error::ok) << t.message();
  // (0, 0)       -> v = (0.5, 0.5): mean of all four = 2.5
  // (-1, -1)     -> v = (-0.5, -0.5): 0.5 * 0.5 * x[0][0] (others are zero pixels) = 0.25
  // (1, -1)      -> v = (1.5, -0.5): 0.5 * 0.5 * x[0][1] = 0.5
  // (-0.5, 0.5)  -> v = (0, 1): x[1][0] = 3
  expect_near(t.output_values<float>(), {2.5f, 0.25f, 0.5f, 3});
}

TEST(GridSampleKernel, BilinearAlignCornersInDouble) {
  KernelTester t;
  t.input<double>({1, 1, 2, 2}, {1, 2, 3, 4})
      .input<double>({1, 2, 2, 2}, {0, 0, -1, -1, 1, -1, -0.5, 0.5})
      .output<double>({1, 1, 2, 2})
      .attr("mode", "bilinear")
      .attr("padding_mode", "zeros")
      .attr("align_corners", 1);
  ASSERT_EQ(t.run("grid_sample.portable"), Error::ok) << t.message();
  // (0, 0) -> v = (0.5, 0.5): 2.5;  (-1, -1) -> (0, 0): 1;  (1, -1) -> (1, 0): 2
  // (-0.5, 0.5) -> v = (0.25, 0.75): rows 0.75*1 + 0.25*2 = 1.25 and 0.75*3 + 0.25*4 = 3.25,
  //   then 0.25 * 1.25 + 0.75 * 3.25 = 2.75
  EXPECT_EQ(t.output_values<double>(), (std::vector<double>{2.5, 1, 2, 2.75}));
}

TEST(GridSampleKernel, BorderPaddingClampsCoordinatesAndPixels) {
  KernelTester t;
  // x = [10, 20, 30] (H = 1, W = 3).
  t.input<float>({1, 1, 1, 3}, {10, 20, 30})
      .input<float>({1, 1, 3, 2}, {-2, 0, 0.2f, 5, 1, 0})
      .output<float>({1, 1, 1, 3})
      .attr("mode", "bilinear")
      .attr("padding_mode", "border")
      .attr("align_corners", 0);
  ASSERT_EQ(t.run("grid_sample.portable"), Error::ok) << t.message();
  // (-2, 0)  -> vx = (-1 * 3 - 1) / 2 = -2 < -0.5: clamped to 0 -> 10
  // (0.2, 5) -> vx = (1.2 * 3 - 1) / 2 = 1.3: 0.7 * 20 + 0.3 * 30 = 23;
  //             vy = (6 * 1 - 1) / 2 = 2.5 > 0.5: clamped to 0
  // (1, 0)   -> vx = 2.5 (on the border): 0.5 * x[2] + 0.5 * x[3 -> 2] = 30
  expect_near(t.output_values<float>(), {10, 23, 30});
}

TEST(GridSampleKernel, ReflectionPaddingWithoutAlignCorners) {
  KernelTester t;
  // x = [1, 2, 3, 4] (W = 4): border [-0.5, 3.5], length 4; n = (2v + 1) / 4 - 1.
  t.input<float>({1, 1, 1, 4}, {1, 2, 3, 4})
      .input<float>({1, 1, 4, 2}, {-1.5f, 0, 1.75f, 0, 3.75f, 0, 0.875f, 0})
      .output<float>({1, 1, 1, 4})
      .attr("mode", "bilinear")
      .attr("padding_mode", "reflection")
      .attr("align_corners", 0);
  ASSERT_EQ(t.run("grid_sample.portable"), Error::ok) << t.message();
  // v = -1.5: 1 below -0.5 -> 0.5: 0.5 * 1 + 0.5 * 2 = 1.5
  // v = 5:    1.5 above 3.5 -> 2: 3
  // v = 9:    5.5 above = one flip of 4 + 1.5 -> -0.5 + 1.5 = 1: 2
  // v = 3.25: inside; taps 3 (0.75) and 4, which reflects to 3.5 - 0.5 = 3 (0.25): 4
  expect_near(t.output_values<float>(), {1.5f, 3, 2, 4});
}

TEST(GridSampleKernel, ReflectionPaddingWithAlignCorners) {
  KernelTester t;
  // x = [1, 2, 3] (W = 3): border [0, 2]; v = (n + 1).
  t.input<float>({1, 1, 1, 3}, {1, 2, 3})
      .input<float>({1, 1, 2, 2}, {-1.5f, 0, 1.5f, 0})
      .output<float>({1, 1, 1, 2})
      .attr("mode", "bilinear")
      .attr("padding_mode", "reflection")
      .attr("align_corners", 1);
  ASSERT_EQ(t.run("grid_sample.portable"), Error::ok) << t.message();
  // v = -0.5 -> 0.5: 1.5;  v = 2.5 -> 1.5: 2.5
  expect_near(t.output_values<float>(), {1.5f, 2.5f});
}

TEST(GridSampleKernel, NearestRoundsHalfToEven) {
  KernelTester t;
  // x = [10, 20, 30, 40, 50] (W = 5), align_corners: v = (n + 1) * 2.
  t.input<float>({1, 1, 1, 5}, {10, 20, 30, 40, 50})
      .input<float>({1, 1, 5, 2}, {-0.75f, 0, -0.25f, 0, 0.25f, 0, 1.5f, 0, -1.25f, 0})
      .output<float>({1, 1, 1, 5})
      .attr("mode", "nearest")
      .attr("padding_mode", "zeros")
      .attr("align_corners", 1);
  ASSERT_EQ(t.run("grid_sample.portable"), Error::ok) << t.message();
  // v = 0.5 -> 0: 10;  1.5 -> 2: 30;  2.5 -> 2: 30;  5 -> outside: 0;  -0.5 -> -0: 10
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{10, 30, 30, 0, 10}));
}

// Keys' cubic with a = -0.75: |d| <= 1: 1.25|d|^3 - 2.25|d|^2 + 1;
// 1 < |d| < 2: -0.75|d|^3 + 3.75|d|^2 - 6|d| + 3.
TEST(GridSampleKernel, BicubicZerosAndBorder) {
  for (const char* padding : {"zeros", "border"}) {
    KernelTester t;
    // x = [1, 2, 3, 4] (H = 1, W = 4); n = (2v + 1) / 4 - 1.
    t.input<float>({1, 1, 1, 4}, {1, 2, 3, 4})
        .input<float>({1, 1, 2, 2}, {0, 0, -0.625f, 0})
        .output<float>({1, 1, 1, 2})
        .attr("mode", "bicubic")
        .attr("padding_mode", padding)
        .attr("align_corners", 0);
    ASSERT_EQ(t.run("grid_sample.portable"), Error::ok) << t.message();
    // vy = 0: weights (0, 1, 0, 0), only row 0.
    // vx = 1.5: t = 0.5, weights (-0.09375, 0.59375, 0.59375, -0.09375) on pixels 0..3:
    //   -0.09375 + 1.1875 + 1.78125 - 0.375 = 2.5
    // vx = 0.25: t = 0.25, weights (-0.10546875, 0.87890625, 0.26171875, -0.03515625) on pixels -1..2:
    //   0.87890625 * 1 + 0.26171875 * 2 - 0.03515625 * 3 = 1.296875, plus pixel -1:
    //   zeros: 0;  border: it reads x[0] = 1, adding -0.10546875 -> 1.19140625
    const bool zeros = std::string(padding) == "zeros";
    expect_near(t.output_values<float>(), {2.5f, zeros ? 1.296875f : 1.19140625f});
  }
}

TEST(GridSampleKernel, BatchAndChannelsIndexTheirOwnPlanes) {
  KernelTester t;
  // x[n][c] is a 1x2 row: n0 = [1 2], [3 4]; n1 = [5 6], [7 8]. W = 2: v = n + 0.5.
  t.input<float>({2, 2, 1, 2}, {1, 2, 3, 4, 5, 6, 7, 8})
      .input<float>({2, 1, 1, 2}, {0.5f, 0, -0.5f, 0})
      .output<float>({2, 2, 1, 1})
      .attr("mode", "bilinear")
      .attr("padding_mode", "zeros")
      .attr("align_corners", 0);
  ASSERT_EQ(t.run("grid_sample.portable"), Error::ok) << t.message();
  // batch 0 reads pixel 1 (v = 1), batch 1 pixel 0 (v = 0), in each channel.
  expect_near(t.output_values<float>(), {2, 4, 5, 7});
}

TEST(GridSampleKernel, RejectsAGridWithoutPairs) {
  KernelTester t;
  t.input<float>({1, 1, 2, 2}, {1, 2, 3, 4})
      .input<float>({1, 1, 1, 3}, {0, 0, 0})
      .output<float>({1, 1, 1, 1})
      .attr("mode", "bilinear")
      .attr("padding_mode", "zeros")
      .attr("align_corners", 0);
  EXPECT_EQ(t.run("grid_sample.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "grid must be [n, h_out, w_out, 2]");
}

TEST(GridSampleKernel, RejectsAnUnknownMode) {
  KernelTester t;
  t.input<float>({1, 1, 2, 2}, {1, 2, 3, 4})
      .input<float>({1, 1, 1, 2}, {0, 0})
      .output<float>({1, 1, 1, 1})
      .attr("mode", "trilinear")
      .attr("padding_mode", "zeros")
      .attr("align_corners", 0);
  EXPECT_EQ(t.run("grid_sample.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "unknown mode 'trilinear'");
}

}  // namespace
}  // namespace ingot::rt
