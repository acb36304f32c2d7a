// Depthwise 2-D convolution on f32 (group = channels = outputs, w
// [C, 1, kh, kw]), NCHW, strides 1 or 2, any padding, no dilation: the
// mobilenet/efficientnet layer. For each output row, the columns whose taps
// all lie inside the input row run kLanes at a time (stride 2 reads two
// vectors and keeps every other lane); the right border runs as masked
// vectors too (planes narrower than a vector are all border); the left
// border columns run one by one.
// That is the fallback for rows too wide for the stack buffer: planes are
// first copied, in bands of rows that fit kPaddedFloats, into a buffer on
// the stack with their padding made explicit as zeros: every output vector
// then runs with plain loads and no border code at all. The small
// late-layer planes (7x7 to 28x28) are one band: there the borders are most
// of the work and the copy is cheap. The large early planes (56x56,
// 112x112) run 1.5x to 4x faster in unrolled bands than row by row (mobilenet_v2's
// 32 x 112x112: 4.3 -> 19 GFLOP/s on AVX2).
// The padded bands run four output rows at a time: four independent
// accumulator chains rather than one waiting on each FMA.
// The bias and the fused activation are applied in registers.
#pragma once

#include <algorithm>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/simd/f32_operands.h"
#include "kernels/simd/fused_activation.h"
#include "kernels/simd/unroll.h"

namespace ingot::rt::simd {

struct DepthwiseShape {
  int64_t h, w, oh, ow, kh, kw, stride, pad_top, pad_left;
};

// One output plane of one channel. kK > 0: a kK x kK kernel known at
// compile time, its taps held in registers across the plane (3x3 and 5x5:
// the mobilenet / efficientnet / shufflenet layers); 0: any kernel.
template <typename V, int kK = 0>
void depthwise_plane(const DepthwiseShape& s, const float* x, const float* k, float bias, const Activation& act, float* y) {
  using Vec = typename V::Vec;
  constexpr int kTaps = kK > 0 ? kK * kK : 1;
  Vec taps[kTaps];
  if constexpr (kK > 0) {
    for (int t = 0; t < kTaps; ++t) taps[t] = V::set1(k[t]);
  }
  const ActivationRegs<V> activate(act);
  const Vec bias_v = V::set1(bias);
  // Vector columns: the first and last tap of every lane inside the row, and
  // for stride 2 the second loaded vector too.
  const int64_t reach = s.stride == 1 ? V::kLanes : 2 * V::kLanes;
  int64_t ox_lo = (s.pad_left + s.stride - 1) / s.stride;
  for (int64_t oy = 0; oy < s.oh; ++oy) {
    const int64_t iy0 = oy * s.stride - s.pad_top;
    auto scalar = [&](int64_t ox) {
      float acc = bias;
      for (int64_t ky = 0; ky < s.kh; ++ky) {
        const int64_t iy = iy0 + ky;
        if (iy < 0 || iy >= s.h) continue;
        for (int64_t kx = 0; kx < s.kw; ++kx) {
          const int64_t ix = ox * s.stride - s.pad_left + kx;
          if (ix >= 0 && ix < s.w) acc += k[ky * s.kw + kx] * x[iy * s.w + ix];
        }
      }
      y[oy * s.ow + ox] = activate_scalar<V>(acc, act);
    };
    int64_t ox = 0;
    for (; ox < ox_lo && ox < s.ow; ++ox) scalar(ox);
    for (; ox + V::kLanes <= s.ow && ox * s.stride - s.pad_left + (s.kw - 1) + reach <= s.w; ox += V::kLanes) {
      Vec acc = bias_v;
      if constexpr (kK > 0) {
        for (int ky = 0; ky < kK; ++ky) {
          const int64_t iy = iy0 + ky;
          if (iy < 0 || iy >= s.h) continue;
          const float* row = x + iy * s.w + ox * s.stride - s.pad_left;
          for (int kx = 0; kx < kK; ++kx) {
            const Vec in = s.stride == 1 ? V::load(row + kx) : V::load_even(row + kx);
            acc = V::fmadd(taps[ky * kK + kx], in, acc);
          }
        }
      } else {
        for (int64_t ky = 0; ky < s.kh; ++ky) {
          const int64_t iy = iy0 + ky;
          if (iy < 0 || iy >= s.h) continue;
          const float* row = x + iy * s.w + ox * s.stride - s.pad_left;
          for (int64_t kx = 0; kx < s.kw; ++kx) {
            const Vec in = s.stride == 1 ? V::load(row + kx) : V::load_even(row + kx);
            acc = V::fmadd(V::set1(k[ky * s.kw + kx]), in, acc);
          }
        }
      }
      V::store(y + oy * s.ow + ox, activate(acc));
    }
    // The right border: masked vectors. Lane j of a load at tap kx reads
    // column (ox + j) * stride - pad_left + kx; columns past the row
    // (padding) load as zero, lanes past the output are not stored. Stride 2
    // copies the row's remaining columns into a zeroed buffer first.
    if (ox >= ox_lo) {
      for (; ox < s.ow; ox += V::kLanes) {
        const int64_t count = s.ow - ox < V::kLanes ? s.ow - ox : V::kLanes;
        const int64_t start = ox * s.stride - s.pad_left;
        Vec acc = bias_v;
        for (int64_t ky = 0; ky < s.kh; ++ky) {
          const int64_t iy = iy0 + ky;
          if (iy < 0 || iy >= s.h) continue;
          const float* row = x + iy * s.w + start;
          for (int64_t kx = 0; kx < s.kw; ++kx) {
            const int64_t inside = s.w - (start + kx);  // columns left in the row from this tap
            Vec in;
            if (s.stride == 1) {
              in = V::load(row + kx, V::mask(inside < count ? inside : count));
            } else {
              alignas(64) float pair[2 * V::kLanes];
              const int64_t n = inside < 2 * count ? inside : 2 * count;
              V::store(pair, V::load(row + kx, V::mask(n)));
              V::store(pair + V::kLanes, V::load(row + kx + V::kLanes, V::mask(n - V::kLanes)));
              in = V::load_even(pair);
            }
            Vec tap;
            if constexpr (kK > 0) {
              tap = taps[ky * kK + kx];
            } else {
              tap = V::set1(k[ky * s.kw + kx]);
            }
            acc = V::fmadd(tap, in, acc);
          }
        }
        V::store(y + oy * s.ow + ox, activate(acc), V::mask(count));
      }
    }
    for (; ox < s.ow; ++ox) scalar(ox);
  }
}

// Floats of the stack buffer of a padded band of rows (32 KiB).
inline constexpr int64_t kPaddedFloats = 8192;

// The padded copy of a band of output rows: the input rows they read,
// row_stride wide, so that the last vector of a row (lanes past ow
// included) reads inside the buffer. A plane whose padded copy fits is one
// band; a larger one (mobilenet's 112x112 and 56x56) goes in bands of a
// multiple of four output rows, the copy of each hot in L1 while it is read.
struct PaddedPlane {
  int64_t band;  // output rows per band; 0: a padded row does not fit
  int64_t rows, row_stride, floats;
};

template <typename V>
PaddedPlane padded_plane(const DepthwiseShape& s) {
  const int64_t vectors = (s.ow + V::kLanes - 1) / V::kLanes;
  const int64_t row_stride = vectors * V::kLanes * s.stride + s.kw;
  // Stride 2 loads two vectors per tap: one more vector of slack after the last row.
  const int64_t slack = 2 * V::kLanes;
  // Too wide for the taps' rows (or dims so large that products would overflow): no copy.
  if (row_stride > kPaddedFloats || s.kh > kPaddedFloats || s.kh * row_stride > kPaddedFloats - slack) return {0, 0, row_stride, 0};
  const int64_t fit = (kPaddedFloats - slack) / row_stride;  // input rows that fit
  int64_t band = std::min(s.oh, (fit - s.kh) / s.stride + 1);
  if (band < s.oh && band >= 4) band = band / 4 * 4;
  const int64_t rows = (band - 1) * s.stride + s.kh;
  return {band, rows, row_stride, rows * row_stride + slack};
}

// Output rows [oy0, oy0 + p.band) (fewer at the bottom) from a zero-padded
// copy of the input rows they read.
template <typename V, int kK = 0>
void depthwise_band_padded(const DepthwiseShape& s, const PaddedPlane& p, int64_t oy0, const float* x, const float* k, float bias,
                           const Activation& act, float* y) {
  using Vec = typename V::Vec;
  alignas(64) float buffer[kPaddedFloats];
  const int64_t out_rows = std::min(p.band, s.oh - oy0);
  const int64_t rows = (out_rows - 1) * s.stride + s.kh;
  // Buffer column j holds input column j - pad_left; negative pads crop.
  const int64_t first = s.pad_left < 0 ? -s.pad_left : 0;
  const int64_t count = std::max<int64_t>(0, std::min(s.w, p.row_stride - s.pad_left) - first);
  const int64_t at = s.pad_left + first;
  for (int64_t r = 0; r < rows; ++r) {
    float* dst = buffer + r * p.row_stride;
    const int64_t iy = oy0 * s.stride - s.pad_top + r;
    if (iy < 0 || iy >= s.h || count == 0) {
      std::fill(dst, dst + p.row_stride, 0.0f);
      continue;
    }
    std::fill(dst, dst + at, 0.0f);
    std::copy(x + iy * s.w + first, x + iy * s.w + first + count, dst + at);
    std::fill(dst + at + count, dst + p.row_stride, 0.0f);
  }
  std::fill(buffer + rows * p.row_stride, buffer + rows * p.row_stride + 2 * V::kLanes, 0.0f);
  constexpr int kTaps = kK > 0 ? kK * kK : 1;
  Vec taps[kTaps];
  if constexpr (kK > 0) {
    for (int t = 0; t < kTaps; ++t) taps[t] = V::set1(k[t]);
  }
  const ActivationRegs<V> activate(act);
  const Vec bias_v = V::set1(bias);
  const auto tail = V::mask(s.ow % V::kLanes);
  // kOut output rows from oy on, one vector of columns from ox on: kOut
  // independent accumulators, so the FMAs do not wait on each other. The
  // stride is a constant too: a run-time one left a branch between the
  // unrolled FMAs and spilled registers (1.2x to 1.7x slower).
  auto rows_at = [&](auto out_rows, auto stride, int64_t oy, int64_t ox) {
    constexpr int kOut = decltype(out_rows)::value;
    constexpr int kStride = decltype(stride)::value;
    Vec acc[kOut];
    INGOT_UNROLL
    for (int r = 0; r < kOut; ++r) acc[r] = bias_v;
    const float* at = buffer + (oy - oy0) * kStride * p.row_stride + ox * kStride;
    INGOT_UNROLL
    for (int64_t ky = 0; ky < (kK > 0 ? kK : s.kh); ++ky) {
      INGOT_UNROLL
      for (int64_t kx = 0; kx < (kK > 0 ? kK : s.kw); ++kx) {
        Vec tap;
        if constexpr (kK > 0) {
          tap = taps[ky * kK + kx];
        } else {
          tap = V::set1(k[ky * s.kw + kx]);
        }
        INGOT_UNROLL
        for (int r = 0; r < kOut; ++r) {
          const float* in = at + (r * kStride + ky) * p.row_stride + kx;
          acc[r] = V::fmadd(tap, kStride == 1 ? V::load(in) : V::load_even(in), acc[r]);
        }
      }
    }
    INGOT_UNROLL
    for (int r = 0; r < kOut; ++r) {
      float* out = y + (oy + r) * s.ow + ox;
      if (ox + V::kLanes <= s.ow) {
        V::store(out, activate(acc[r]));
      } else {
        V::store(out, activate(acc[r]), tail);
      }
    }
  };
  auto band_rows = [&](auto stride) {
    const int64_t oy_end = oy0 + out_rows;
    int64_t oy = oy0;
    for (; oy + 4 <= oy_end; oy += 4) {
      for (int64_t ox = 0; ox < s.ow; ox += V::kLanes) rows_at(std::integral_constant<int, 4>{}, stride, oy, ox);
    }
    for (; oy < oy_end; ++oy) {
      for (int64_t ox = 0; ox < s.ow; ox += V::kLanes) rows_at(std::integral_constant<int, 1>{}, stride, oy, ox);
    }
  };
  if (s.stride == 1) return band_rows(std::integral_constant<int, 1>{});
  band_rows(std::integral_constant<int, 2>{});
}

template <typename V, int kK = 0>
void depthwise_any_plane(const DepthwiseShape& s, const float* x, const float* k, float bias, const Activation& act, float* y) {
  const PaddedPlane padded = padded_plane<V>(s);
  if (padded.band == 0) return depthwise_plane<V, kK>(s, x, k, bias, act, y);
  for (int64_t oy0 = 0; oy0 < s.oh; oy0 += padded.band) depthwise_band_padded<V, kK>(s, padded, oy0, x, k, bias, act, y);
}

template <typename V>
Error depthwise_conv_f32(KernelContext& ctx) {
  F32Operands ops;
  if (Error e = f32_operands(ctx, &ops); e != Error::ok) return e;
  const Tensor* x = ops.a;
  const Tensor* w = ops.b;
  const Tensor* bias = ops.bias;
  const Tensor& y = *ops.y;
  if (x->rank != 4 || w->rank != 4 || y.rank != 4) return ctx.fail("expects a 2-D convolution");
  const int64_t channels = x->dims[1];
  if (ctx.attr_int("group", 1) != channels || w->dims[0] != channels || w->dims[1] != 1 || y.dims[1] != channels) {
    return ctx.fail("expects a depthwise convolution (group = channels = outputs)");
  }
  const List<int64_t> strides = ctx.attr_ints("strides"), pads = ctx.attr_ints("pads"), dilations = ctx.attr_ints("dilations");
  if (strides.size != 2 || pads.size != 4 || strides[0] != strides[1] || (strides[0] != 1 && strides[0] != 2)) {
    return ctx.fail("only equal strides of 1 or 2");
  }
  for (int64_t d : dilations) {
    if (d != 1) return ctx.fail("no dilation");
  }
  Activation act;
  if (Error e = read_activation(ctx, &act); e != Error::ok) return e;
  const DepthwiseShape s{x->dims[2], x->dims[3], y.dims[2], y.dims[3], w->dims[2], w->dims[3], strides[0], pads[0], pads[1]};
  // One plane per channel and image, split over the threads.
  ctx.parallel_for(x->dims[0] * channels, [&](int64_t begin, int64_t end) {
    for (int64_t plane = begin; plane < end; ++plane) {
      const int64_t c = plane % channels;
      const float* xp = x->as<float>() + plane * s.h * s.w;
      const float* kp = w->as<float>() + c * s.kh * s.kw;
      const float b = bias != nullptr ? bias->as<float>()[c] : 0.0f;
      float* yp = y.as<float>() + plane * s.oh * s.ow;
      if (s.kh == 3 && s.kw == 3) {
        depthwise_any_plane<V, 3>(s, xp, kp, b, act, yp);
      } else if (s.kh == 5 && s.kw == 5) {
        depthwise_any_plane<V, 5>(s, xp, kp, b, act, yp);
      } else {
        depthwise_any_plane<V>(s, xp, kp, b, act, yp);
      }
    }
  });
  return Error::ok;
}

}  // namespace ingot::rt::simd
