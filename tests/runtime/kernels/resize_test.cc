#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

// Every attribute of resize, at ONNX's defaults unless a test changes them.
struct Attrs {
  const char* mode = "nearest";
  const char* transform = "half_pixel";
  const char* nearest_mode = "round_prefer_floor";
  double cubic_a = -0.75;
  int exclude_outside = 0;
  double extrapolation = 0;
};

void set(KernelTester& t, const Attrs& a) {
  t.attr("mode", a.mode)
      .attr("coordinate_transformation_mode", a.transform)
      .attr("nearest_mode", a.nearest_mode)
      .attr("cubic_coeff_a", a.cubic_a)
      .attr("exclude_outside", a.exclude_outside)
      .attr("extrapolation_value", a.extrapolation);
}

void expect_near(const std::vector<float>& got, const std::vector<float>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-5) << "at " << i;
}

// A 1-d resize of `x` by `scale` into `out` elements.
std::vector<float> resize_1d(const std::vector<float>& x, double scale, int64_t out, const Attrs& a) {
  KernelTester t;
  t.input<float>({static_cast<int64_t>(x.size())}, x).output<float>({out});
  set(t, a);
  t.attr("scales", std::vector<double>{scale});
  EXPECT_EQ(t.run("resize.portable"), Error::ok) << t.message();
  return t.output_values<float>();
}

TEST(ResizeKernel, NearestUpsampleHalfPixel) {
  // ONNX's example, scales [1 1 2 3] on [[1 2] [3 4]]. Columns: (x + 0.5) / 3 - 0.5
  // = -0.33 0 0.33 0.67 1 1.33 -> 0 0 0 1 1 1; rows: -0.25 0.25 0.75 1.25 -> 0 0 1 1.
  KernelTester t;
  t.input<float>({1, 1, 2, 2}, {1, 2, 3, 4}).output<float>({1, 1, 4, 6});
  set(t, {});
  t.attr("scales", std::vector<double>{1, 1, 2, 3});
  ASSERT_EQ(t.run("resize.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2,  //
                                                          3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4}));
}

TEST(ResizeKernel, NearestModes) {
  // asymmetric, scale 4 on [10 20]: x / 4 = 0 .25 .5 .75 1 1.25 1.5 1.75,
  // rounded by each mode and clamped to [0, 1].
  Attrs a;
  a.transform = "asymmetric";
  a.nearest_mode = "round_prefer_floor";  // .5 -> 0, 1.5 -> 1
  EXPECT_EQ(resize_1d({10, 20}, 4, 8, a), (std::vector<float>{10, 10, 10, 20, 20, 20, 20, 20}));
  a.nearest_mode = "round_prefer_ceil";  // .5 -> 1
  EXPECT_EQ(resize_1d({10, 20}, 4, 8, a), (std::vector<float>{10, 10, 20, 20, 20, 20, 20, 20}));
  a.nearest_mode = "floor";
  EXPECT_EQ(resize_1d({10, 20}, 4, 8, a), (std::vector<float>{10, 10, 10, 10, 20, 20, 20, 20}));
  a.nearest_mode = "ceil";
  EXPECT_EQ(resize_1d({10, 20}, 4, 8, a), (std::vector<float>{10, 20, 20, 20, 20, 20, 20, 20}));
}

TEST(ResizeKernel, LinearHalfPixel1d) {
  // scale 2 on [1 3]: coordinates -0.25 0.25 0.75 1.25; the outer two clamp
  // to the edges: 1, 0.75*1 + 0.25*3 = 1.5, 0.25*1 + 0.75*3 = 2.5, 3.
  Attrs a;
  a.mode = "linear";
  expect_near(resize_1d({1, 3}, 2, 4, a), {1, 1.5f, 2.5f, 3});
}

TEST(ResizeKernel, BilinearIsSeparable) {
  // [[1 2] [3 4]] by 2 in both dims, weights per dim as in LinearHalfPixel1d:
  // row 0 = [1 1.25 1.75 2], row 3 = [3 3.25 3.75 4], row 1 = 0.75 row0 + 0.25 row3
  // = row0 + 0.5, row 2 = 0.25 row0 + 0.75 row3 = row0 + 1.5.
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).output<float>({4, 4});
  Attrs a;
  a.mode = "linear";
  set(t, a);
  t.attr("scales", std::vector<double>{2, 2});
  ASSERT_EQ(t.run("resize.portable"), Error::ok) << t.message();
  expect_near(t.output_values<float>(), {1, 1.25f, 1.75f, 2, 1.5f, 1.75f, 2.25f, 2.5f,  //
                                         2.5f, 2.75f, 3.25f, 3.5f, 3, 3.25f, 3.75f, 4});
}

TEST(ResizeKernel, LinearAlignCornersUsesTheScaledLength) {
  // ONNX's example: [[1 2 3 4] [5 6 7 8]] by 0.6 -> [1, 2]. The length ONNX
  // divides by is 4 * 0.6 = 2.4 (not the output's 2): column 1 reads
  // 1 * 3 / 1.4 = 2.142857 -> 3 * (1 - 1/7) + 4 * (1/7) = 3.142857. Rows:
  // 2 * 0.6 = 1.2, row 0 reads coordinate 0.
  KernelTester t;
  t.input<float>({1, 1, 2, 4}, {1, 2, 3, 4, 5, 6, 7, 8}).output<float>({1, 1, 1, 2});
  Attrs a;
  a.mode = "linear";
  a.transform = "align_corners";
  set(t, a);
  t.attr("scales", std::vector<double>{1, 1, 0.6f, 0.6f});
  ASSERT_EQ(t.run("resize.portable"), Error::ok) << t.message();
  expect_near(t.output_values<float>(), {1, 3.142857f});
}

TEST(ResizeKernel, CubicAsymmetric) {
  // [0 10 20 30] by 2, a = -0.75: coordinates k / 2. At an integer the input
  // element itself; at a half, weights w(1.5) = -0.09375 and w(0.5) = 0.59375
  // on the four neighbours (edges repeated):
  //   0.5: -0.09375*0 + 0.59375*0 + 0.59375*10 - 0.09375*20 = 4.0625
  //   1.5: -0.09375*0 + 0.59375*10 + 0.59375*20 - 0.09375*30 = 15
  //   2.5: -0.09375*10 + 0.59375*20 + 0.59375*30 - 0.09375*30 = 25.9375
  //   3.5: -0.09375*20 + 0.59375*30 + 0.59375*30 - 0.09375*30 = 30.9375
  Attrs a;
  a.mode = "cubic";
  a.transform = "asymmetric";
  expect_near(resize_1d({0, 10, 20, 30}, 2, 8, a), {0, 4.0625f, 10, 15, 20, 25.9375f, 30, 30.9375f});
}

TEST(ResizeKernel, CubicExcludeOutside) {
  // As CubicAsymmetric, but taps outside [0, 3] get weight 0 and the rest are
  // renormalised:
  //   0.5: (0.59375*0 + 0.59375*10 - 0.09375*20) / 1.09375 = 3.714286
  //   2.5: (-0.09375*10 + 0.59375*20 + 0.59375*30) / 1.09375 = 26.285714
  //   3.5: (-0.09375*20 + 0.59375*30) / 0.5 = 31.875
  Attrs a;
  a.mode = "cubic";
  a.transform = "asymmetric";
  a.exclude_outside = 1;
  expect_near(resize_1d({0, 10, 20, 30}, 2, 8, a), {0, 3.714286f, 10, 15, 20, 26.285714f, 30, 31.875f});
}

TEST(ResizeKernel, CubicCoefficientA) {
  // a = -0.5: w(0.5) = (1.5*0.5 - 2.5)*0.25 + 1 = 0.5625,
  // w(1.5) = ((-0.75 + 2.5)*1.5 - 4)*1.5 + 2 = -0.0625; at 0.5 with the tap at
  // -1 excluded: (0.5625*0 + 0.5625*10 - 0.0625*20) / 1.0625 = 4.117647.
  Attrs a;
  a.mode = "cubic";
  a.transform = "asymmetric";
  a.cubic_a = -0.5;
  a.exclude_outside = 1;
  std::vector<float> out = resize_1d({0, 10, 20, 30}, 2, 8, a);
  EXPECT_NEAR(out[1], 4.117647f, 1e-5);
  // 1.5, all taps inside: -0.0625*0 + 0.5625*10 + 0.5625*20 - 0.0625*30 = 15.
  EXPECT_NEAR(out[3], 15, 1e-5);
}

TEST(ResizeKernel, TfCropAndResizeExtrapolates) {
  // roi [0.4, 1.2] of [0 10 20 30], 3 outputs (scale 0.75): coordinates
  // 0.4*3 + k * 0.8*3 / 2 = 1.2, 2.4, 3.6. 1.2 -> 0.8*10 + 0.2*20 = 12,
  // 2.4 -> 0.6*20 + 0.4*30 = 24, 3.6 is past 3 -> extrapolation_value -1.
  KernelTester t;
  t.input<float>({4}, {0, 10, 20, 30}).output<float>({3});
  Attrs a;
  a.mode = "linear";
  a.transform = "tf_crop_and_resize";
  a.extrapolation = -1;
  set(t, a);
  t.attr("scales", std::vector<double>{0.75}).attr("roi", std::vector<double>{0.4, 1.2});
  ASSERT_EQ(t.run("resize.portable"), Error::ok) << t.message();
  expect_near(t.output_values<float>(), {12, 24, -1});
}

TEST(ResizeKernel, PytorchHalfPixelWithOneOutput) {
  // scale 0.25 on 4 elements gives 1: pytorch_half_pixel reads coordinate 0,
  // half_pixel reads (0 + 0.5) / 0.25 - 0.5 = 1.5 -> 0.5*10 + 0.5*20 = 15.
  Attrs a;
  a.mode = "linear";
  a.transform = "pytorch_half_pixel";
  expect_near(resize_1d({0, 10, 20, 30}, 0.25, 1, a), {0});
  a.transform = "half_pixel";
  expect_near(resize_1d({0, 10, 20, 30}, 0.25, 1, a), {15});
}

TEST(ResizeKernel, TfHalfPixelForNearest) {
  // scale 0.5 on [0 10 20 30]: (k + 0.5) / 0.5 = 1, 3 -> elements 1 and 3.
  Attrs a;
  a.transform = "tf_half_pixel_for_nn";
  EXPECT_EQ(resize_1d({0, 10, 20, 30}, 0.5, 2, a), (std::vector<float>{10, 30}));
}

TEST(ResizeKernel, RunTimeSizesAndScales) {
  // As LinearHalfPixel1d, with the sizes [4] or the scales [2] as operands.
  Attrs a;
  a.mode = "linear";
  KernelTester sizes;
  sizes.input<float>({2}, {1, 3}).absent_input().input<int64_t>({1}, {4}).output<float>({4});
  set(sizes, a);
  ASSERT_EQ(sizes.run("resize.portable"), Error::ok) << sizes.message();
  expect_near(sizes.output_values<float>(), {1, 1.5f, 2.5f, 3});

  KernelTester scales;
  scales.input<float>({2}, {1, 3}).input<float>({1}, {2}).output<float>({4});
  set(scales, a);
  ASSERT_EQ(scales.run("resize.portable"), Error::ok) << scales.message();
  expect_near(scales.output_values<float>(), {1, 1.5f, 2.5f, 3});
}

TEST(ResizeKernel, LinearOnU8Rounds) {
  // [0 255] by 2: 0, 0.75*0 + 0.25*255 = 63.75 -> 64, 191.25 -> 191, 255.
  KernelTester t;
  t.input<uint8_t>({2}, {0, 255}).output<uint8_t>({4});
  Attrs a;
  a.mode = "linear";
  set(t, a);
  t.attr("scales", std::vector<double>{2});
  ASSERT_EQ(t.run("resize.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<uint8_t>(), (std::vector<uint8_t>{0, 64, 191, 255}));
}

TEST(ResizeKernel, RejectsRunTimeSizesThatDifferFromTheOutput) {
  KernelTester t;
  t.input<float>({2}, {1, 3}).absent_input().input<int64_t>({1}, {5}).output<float>({4});
  set(t, {});
  EXPECT_EQ(t.run("resize.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "size 5 of dim 0 is not the output dim");
}

TEST(ResizeKernel, RejectsAnUnknownMode) {
  KernelTester t;
  t.input<float>({2}, {1, 3}).output<float>({4});
  Attrs a;
  a.mode = "area";
  set(t, a);
  t.attr("scales", std::vector<double>{2});
  EXPECT_EQ(t.run("resize.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "unknown mode 'area'");
}

}  // namespace
}  // namespace ingot::rt
