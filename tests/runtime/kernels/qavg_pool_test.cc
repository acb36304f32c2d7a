// qavg_pool.portable against the float computation of the same quantized
// average pool (tests/runtime/kernels/quantized_reference.h): dequantize x,
// average each window in double, quantize to y.
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/quantized_reference.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;
using Ints = std::vector<int64_t>;

// A positive real as (multiplier in [2^30, 2^31), shift): only to build attributes.
testing::Multiplier fixed_point(double real) {
  int exponent = 0;
  const double fraction = std::frexp(real, &exponent);
  int64_t q = std::llround(fraction * 2147483648.0);
  if (q == (int64_t{1} << 31)) {
    q /= 2;
    ++exponent;
  }
  return {q, exponent};
}

struct Pool2d {
  int64_t kernel, stride, pad;
  bool count_include_pad;
};

// x [n, c, h, w] of dtype T (scale sx, zero point zx) pooled into y (sy, zy).
template <typename T>
void check_qavg_pool(Ints shape, Pool2d p, double sx, int32_t zx, double sy, int32_t zy, bool relu, uint32_t seed) {
  std::mt19937 rng(seed);
  const int lo = std::is_signed_v<T> ? -128 : 0, hi = std::is_signed_v<T> ? 127 : 255;
  const int64_t planes = shape[0] * shape[1], h = shape[2], w = shape[3];
  std::vector<T> x = testing::random_values<T>(rng, static_cast<size_t>(planes * h * w), lo, hi);
  const int64_t oh = (h + 2 * p.pad - p.kernel) / p.stride + 1, ow = (w + 2 * p.pad - p.kernel) / p.stride + 1;
  std::vector<int32_t> want;
  for (int64_t plane = 0; plane < planes; ++plane) {
    for (int64_t i = 0; i < oh; ++i) {
      for (int64_t j = 0; j < ow; ++j) {
        double sum = 0;
        int64_t inside = 0;
        for (int64_t ki = 0; ki < p.kernel; ++ki) {
          for (int64_t kj = 0; kj < p.kernel; ++kj) {
            const int64_t r = i * p.stride - p.pad + ki, c = j * p.stride - p.pad + kj;
            if (r < 0 || r >= h || c < 0 || c >= w) continue;
            sum += sx * (x[static_cast<size_t>((plane * h + r) * w + c)] - zx);
            ++inside;
          }
        }
        const double mean = sum / static_cast<double>(p.count_include_pad ? p.kernel * p.kernel : inside);
        want.push_back(testing::quantize_reference(mean / sy, zy, relu ? zy : lo, hi));
      }
    }
  }
  const testing::Multiplier m = fixed_point(sx / (256.0 * sy));
  KernelTester t;
  t.input<T>(shape, x);
  t.attr("kernel_shape", Ints{p.kernel, p.kernel}).attr("strides", Ints{p.stride, p.stride});
  t.attr("pads", Ints{p.pad, p.pad, p.pad, p.pad}).attr("dilations", Ints{1, 1}).attr("ceil_mode", 0);
  t.attr("count_include_pad", p.count_include_pad ? 1 : 0).attr("x_zero_point", int64_t{zx});
  t.attr("multiplier", Ints{m.multiplier}).attr("shift", Ints{m.shift}).attr("y_zero_point", int64_t{zy});
  if (relu) t.attr("y_min", int64_t{zy});
  t.attr("y_dtype", std::is_signed_v<T> ? "i8" : "u8");
  t.output<T>({shape[0], shape[1], oh, ow});
  ASSERT_EQ(t.run("qavg_pool.portable"), Error::ok) << t.message();
  const int mismatches = testing::count_mismatches(t.output_values<T>(), want);
  EXPECT_LE(mismatches, static_cast<int>(want.size() / 20 + 1)) << "of " << want.size();
}

TEST(QavgPoolKernel, SameScaleIsTheRoundedMean) {
  check_qavg_pool<uint8_t>({1, 3, 9, 9}, {3, 2, 1, false}, 0.05, 17, 0.05, 17, false, 31);
}
TEST(QavgPoolKernel, PaddingCountsWhenAsked) {
  check_qavg_pool<uint8_t>({2, 2, 7, 6}, {3, 1, 1, true}, 0.02, 128, 0.03, 100, false, 32);
}
TEST(QavgPoolKernel, ANewScaleKeepsTheFraction) {
  // y's scale a tenth of x's: the mean's fraction shows in y.
  check_qavg_pool<int8_t>({1, 4, 5, 5}, {2, 2, 0, false}, 0.1, -5, 0.01, 3, false, 33);
}
TEST(QavgPoolKernel, GlobalWindowWithRelu) {
  check_qavg_pool<int8_t>({1, 16, 7, 7}, {7, 1, 0, false}, 0.04, 20, 0.01, -20, true, 34);
}

TEST(QavgPoolKernel, RejectsAnOutputOfAnotherDtype) {
  KernelTester t;
  t.input<uint8_t>({1, 1, 2, 2}, {1, 2, 3, 4});
  t.attr("kernel_shape", Ints{2, 2}).attr("strides", Ints{1, 1}).attr("pads", Ints{0, 0, 0, 0});
  t.attr("dilations", Ints{1, 1}).attr("ceil_mode", 0).attr("count_include_pad", 0).attr("x_zero_point", int64_t{0});
  t.attr("multiplier", Ints{1 << 30}).attr("shift", Ints{-7}).attr("y_dtype", "i8").output<int8_t>({1, 1, 1, 1});
  EXPECT_EQ(t.run("qavg_pool.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the output must have the input's rank and dtype");
}

}  // namespace
}  // namespace ingot::rt
