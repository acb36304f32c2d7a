// qconv.portable against the float computation of the same quantized conv
// (tests/runtime/kernels/quantized_reference.h), on awkward sizes.
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/quantized_reference.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

struct QconvCase {
  int64_t n, c, h, w, m, kh, kw, group;
  int64_t stride_h, stride_w, dilation_h, dilation_w;
  std::vector<int64_t> pads;  // top, left, bottom, right
  bool signed_x, per_channel, bias, relu;
  bool one_d = false;  // x [N, C, W]: the same conv with H = 1
};

int64_t qconv_out_dim(int64_t in, int64_t k, int64_t stride, int64_t dilation, int64_t pad_begin, int64_t pad_end) {
  return (in + pad_begin + pad_end - ((k - 1) * dilation + 1)) / stride + 1;
}

// Quantized x (scale xs), weights i8 (scales ws[m], zero point 0, or u8 with
// zero point 3 per channel), bias i32 at xs * ws[m], y at ys: dequantize, conv
// in double, quantize.
void check_qconv(const QconvCase& k, uint32_t seed, bool i32_output = false) {
  std::mt19937 rng(seed);
  const int64_t oh = qconv_out_dim(k.h, k.kh, k.stride_h, k.dilation_h, k.pads[0], k.pads[2]);
  const int64_t ow = qconv_out_dim(k.w, k.kw, k.stride_w, k.dilation_w, k.pads[1], k.pads[3]);
  const int64_t cg = k.c / k.group, mg = k.m / k.group;
  const int32_t x_lo = k.signed_x ? -128 : 0, x_hi = k.signed_x ? 127 : 255;
  const int32_t x_zp = k.signed_x ? -7 : 131;
  std::vector<int32_t> x = testing::random_values<int32_t>(rng, static_cast<size_t>(k.n * k.c * k.h * k.w), x_lo, x_hi);
  std::vector<int8_t> w = testing::random_values<int8_t>(rng, static_cast<size_t>(k.m * cg * k.kh * k.kw), -127, 127);
  std::vector<int32_t> bias = testing::random_values<int32_t>(rng, static_cast<size_t>(k.m), -20000, 20000);
  const double xs = 0.0173, ys = 0.041;
  std::vector<testing::Multiplier> mults;
  std::vector<double> ws;
  for (int64_t m = 0; m < (k.per_channel ? k.m : 1); ++m) {
    mults.push_back(testing::random_multiplier(rng, -12, -6));
    ws.push_back(mults.back().real() * ys / xs);  // so that xs * ws / ys is the multiplier exactly
  }
  const int32_t y_lo = k.signed_x ? -128 : 0, y_hi = k.signed_x ? 127 : 255, y_zp = k.signed_x ? 5 : 120;
  const int32_t clamp_lo = k.relu ? y_zp : y_lo;

  std::vector<int32_t> want;
  for (int64_t n = 0; n < k.n; ++n)
    for (int64_t m = 0; m < k.m; ++m) {
      const double w_scale = ws[k.per_channel ? m : 0];
      for (int64_t i = 0; i < oh; ++i)
        for (int64_t j = 0; j < ow; ++j) {
          double acc = k.bias ? bias[m] * xs * w_scale : 0.0;
          long long integer = k.bias ? bias[m] : 0;
          for (int64_t c = 0; c < cg; ++c)
            for (int64_t a = 0; a < k.kh; ++a)
              for (int64_t b = 0; b < k.kw; ++b) {
                const int64_t y = i * k.stride_h - k.pads[0] + a * k.dilation_h;
                const int64_t z = j * k.stride_w - k.pads[1] + b * k.dilation_w;
                if (y < 0 || y >= k.h || z < 0 || z >= k.w) continue;  // padding: the real value 0
                const int64_t channel = (m / mg) * cg + c;
                const int32_t xq = x[static_cast<size_t>(((n * k.c + channel) * k.h + y) * k.w + z)];
                const int32_t wq = w[static_cast<size_t>(((m * cg + c) * k.kh + a) * k.kw + b)];
                acc += (xs * (xq - x_zp)) * (w_scale * wq);
                integer += static_cast<long long>(xq - x_zp) * wq;
              }
          want.push_back(i32_output ? static_cast<int32_t>(integer) : testing::quantize_reference(acc / ys, y_zp, clamp_lo, y_hi));
        }
    }

  KernelTester t;
  std::vector<int64_t> x_shape = k.one_d ? std::vector<int64_t>{k.n, k.c, k.w} : std::vector<int64_t>{k.n, k.c, k.h, k.w};
  std::vector<int64_t> w_shape = k.one_d ? std::vector<int64_t>{k.m, cg, k.kw} : std::vector<int64_t>{k.m, cg, k.kh, k.kw};
  std::vector<int64_t> y_shape = k.one_d ? std::vector<int64_t>{k.n, k.m, ow} : std::vector<int64_t>{k.n, k.m, oh, ow};
  if (k.signed_x) {
    t.input<int8_t>(x_shape, std::vector<int8_t>(x.begin(), x.end()));
  } else {
    t.input<uint8_t>(x_shape, std::vector<uint8_t>(x.begin(), x.end()));
  }
  t.input<int8_t>(w_shape, w);
  if (k.bias) t.input<int32_t>({k.m}, bias);
  if (k.one_d) {
    t.attr("strides", std::vector<int64_t>{k.stride_w}).attr("dilations", std::vector<int64_t>{k.dilation_w});
    t.attr("pads", std::vector<int64_t>{k.pads[1], k.pads[3]});
  } else {
    t.attr("strides", std::vector<int64_t>{k.stride_h, k.stride_w}).attr("dilations", std::vector<int64_t>{k.dilation_h, k.dilation_w});
    t.attr("pads", k.pads);
  }
  t.attr("group", k.group).attr("x_zero_point", int64_t{x_zp});
  if (i32_output) {
    t.output<int32_t>(y_shape);
    ASSERT_EQ(t.run("qconv.portable"), Error::ok) << t.message();
    std::vector<int32_t> got = t.output_values<int32_t>();
    EXPECT_EQ(got, want);
    return;
  }
  std::vector<int64_t> multipliers, shifts;
  for (const testing::Multiplier& m : mults) {
    multipliers.push_back(m.multiplier);
    shifts.push_back(m.shift);
  }
  t.attr("multiplier", multipliers).attr("shift", shifts).attr("y_zero_point", int64_t{y_zp});
  if (k.relu) t.attr("y_min", int64_t{y_zp});
  int mismatches = 0;
  if (k.signed_x) {
    t.attr("y_dtype", "i8").output<int8_t>(y_shape);
    ASSERT_EQ(t.run("qconv.portable"), Error::ok) << t.message();
    mismatches = testing::count_mismatches(t.output_values<int8_t>(), want);
  } else {
    t.attr("y_dtype", "u8").output<uint8_t>(y_shape);
    ASSERT_EQ(t.run("qconv.portable"), Error::ok) << t.message();
    mismatches = testing::count_mismatches(t.output_values<uint8_t>(), want);
  }
  // A right shift of 6 or more leaves a tie window of at most 1/64 of a step.
  EXPECT_LE(mismatches, static_cast<int>(want.size() / 20 + 1)) << "of " << want.size();
}

TEST(QconvKernel, StridedPaddedPerChannelU8) {
  check_qconv({2, 3, 7, 5, 5, 3, 2, 1, 2, 1, 1, 1, {1, 0, 1, 1}, false, true, true, false}, 1);
}

TEST(QconvKernel, DilatedPerTensorI8WithRelu) {
  check_qconv({1, 4, 9, 8, 3, 3, 3, 1, 1, 2, 2, 1, {2, 1, 0, 2}, true, false, true, true}, 2);
}

TEST(QconvKernel, DepthwiseAndGrouped) {
  check_qconv({1, 4, 6, 6, 4, 3, 3, 4, 1, 1, 1, 1, {1, 1, 1, 1}, false, true, true, false}, 3);
  check_qconv({2, 6, 5, 7, 9, 2, 3, 3, 2, 1, 1, 1, {0, 1, 1, 0}, true, true, false, false}, 4);
}

TEST(QconvKernel, OneDimensional) {
  check_qconv({2, 3, 1, 11, 4, 1, 3, 1, 1, 2, 1, 1, {0, 1, 0, 1}, false, true, true, false, true}, 5);
}

TEST(QconvKernel, I32OutputIsTheExactAccumulator) {
  check_qconv({1, 5, 6, 5, 3, 3, 3, 1, 1, 1, 1, 1, {1, 1, 1, 1}, false, true, true, false}, 6, true);
}

TEST(QconvKernel, WeightZeroPointPerChannel) {
  // u8 weights with zero points 10 and 250: (x - 2) * (w - wzp) summed; 1x1 kernel, y i32.
  KernelTester t;
  t.input<uint8_t>({1, 2, 1, 2}, {2, 5, 7, 3}).input<uint8_t>({2, 2, 1, 1}, {11, 12, 250, 248});
  t.attr("strides", std::vector<int64_t>{1, 1}).attr("dilations", std::vector<int64_t>{1, 1});
  t.attr("pads", std::vector<int64_t>{0, 0, 0, 0}).attr("group", int64_t{1});
  t.attr("x_zero_point", int64_t{2}).attr("w_zero_point", std::vector<int64_t>{10, 250}).attr("y_dtype", "i32");
  t.output<int32_t>({1, 2, 1, 2});
  ASSERT_EQ(t.run("qconv.portable"), Error::ok) << t.message();
  // m 0: (0*1 + 5*2, 3*1 + 1*2) = (10, 5); m 1: (0*0 + 5*-2, 3*0 + 1*-2) = (-10, -2).
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{10, 5, -10, -2}));
}

TEST(QconvKernel, RejectsAMultiplierPerChannelOfTheWrongCount) {
  KernelTester t;
  t.input<uint8_t>({1, 1, 2, 2}, {1, 2, 3, 4}).input<int8_t>({2, 1, 1, 1}, {1, 2});
  t.attr("strides", std::vector<int64_t>{1, 1}).attr("dilations", std::vector<int64_t>{1, 1});
  t.attr("pads", std::vector<int64_t>{0, 0, 0, 0}).attr("group", int64_t{1}).attr("x_zero_point", int64_t{0});
  t.attr("multiplier", std::vector<int64_t>{1 << 30, 1 << 30, 1 << 30}).attr("shift", std::vector<int64_t>{0, 0, 0});
  t.attr("y_dtype", "u8").output<uint8_t>({1, 2, 2, 2});
  EXPECT_EQ(t.run("qconv.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "multiplier and shift must have 1 or 2 entries each");
}

}  // namespace
}  // namespace ingot::rt
