// Depthwise 2-D convolution on f32 (group = channels = outputs, w
// [C, 1, kh, kw]), NCHW, strides 1 or 2, any padding, no dilation: the
// mobilenet/efficientnet layer. For each output row, the columns whose taps
// all lie inside the input row run kLanes at a time (stride 2 reads two
// vectors and keeps every other lane); the right border runs as masked
// vectors too (planes narrower than a vector are all border); the left
// border columns run one by one.
// The bias and the fused clamp are applied in registers.
#pragma once

#include "ingot/kernel.h"
#include "kernels/simd/f32_operands.h"
#include "kernels/simd/fused_clamp.h"

namespace ingot::rt::simd {

struct DepthwiseShape {
  int64_t h, w, oh, ow, kh, kw, stride, pad_top, pad_left;
};

// One output plane of one channel. kK > 0: a kK x kK kernel known at
// compile time, its taps held in registers across the plane (3x3 and 5x5:
// the mobilenet / efficientnet / shufflenet layers); 0: any kernel.
template <typename V, int kK = 0>
void depthwise_plane(const DepthwiseShape& s, const float* x, const float* k, float bias, const Clamp& clamp, float* y) {
  using Vec = typename V::Vec;
  constexpr int kTaps = kK > 0 ? kK * kK : 1;
  Vec taps[kTaps];
  if constexpr (kK > 0) {
    for (int t = 0; t < kTaps; ++t) taps[t] = V::set1(k[t]);
  }
  const Vec lo = V::set1(clamp.lo), hi = V::set1(clamp.hi), bias_v = V::set1(bias);
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
      if (acc < clamp.lo) acc = clamp.lo;
      if (clamp.hi < acc) acc = clamp.hi;
      y[oy * s.ow + ox] = acc;
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
      V::store(y + oy * s.ow + ox, V::clamp(acc, lo, hi));
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
        V::store(y + oy * s.ow + ox, V::clamp(acc, lo, hi), V::mask(count));
      }
    }
    for (; ox < s.ow; ++ox) scalar(ox);
  }
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
  Clamp clamp;
  if (Error e = read_clamp(ctx, &clamp); e != Error::ok) return e;
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
        depthwise_plane<V, 3>(s, xp, kp, b, clamp, yp);
      } else if (s.kh == 5 && s.kw == 5) {
        depthwise_plane<V, 5>(s, xp, kp, b, clamp, yp);
      } else {
        depthwise_plane<V>(s, xp, kp, b, clamp, yp);
      }
    }
  });
  return Error::ok;
}

}  // namespace ingot::rt::simd
