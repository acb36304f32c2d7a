// Direct 2-D convolution on f32, NCHW, for few input channels: the stem of
// an image CNN (3 channels, 3x3, stride 2: mobilenet_v2, squeezenet1_1,
// shufflenet_v2). There im2col builds a panel only C * 9 = 27 deep, so the
// GEMM after it spends as much time loading and storing its C tiles as
// multiplying. Here every output value is computed once, in registers:
// kOutChannels output channels x 2 vectors of output columns of one row
// (12 accumulators on AVX2), each tap two input vector loads, one broadcast
// weight per channel and 2 kOutChannels FMAs, straight from the weights in
// their ONNX layout [M, C, kh, kw] (no packing).
//
// Per task (a band of output rows of one image), the band's input rows of
// every channel are first copied into a stack buffer with the padding as
// zeros; with stride 2 each row is split into its even and odd columns
// (deinterleave_f32.h), so that the taps are plain loads. The sums run in the
// reference's order (bias, then channel, tap row, tap column) and each
// output in one task: the result does not depend on the thread count.
// Fused relu, clip or silu.
#pragma once

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/simd/deinterleave_f32.h"
#include "kernels/simd/conv_window.h"
#include "kernels/simd/f32_operands.h"
#include "kernels/simd/fused_activation.h"
#include "kernels/simd/unroll.h"

namespace ingot::rt::simd {

struct DirectConvShape {
  int64_t c, h, w, m, oh, ow, kh, kw, stride, pad_top, pad_left;
};

// The largest input depth and window it takes (the selection rule's too):
// with more channels the im2col panel is deep enough for the GEMM.
inline constexpr int64_t kDirectMaxChannels = 4;
inline constexpr int64_t kDirectMaxWindow = 3;
// Floats of the stack buffer of a band's padded input rows (32 KiB), and of
// the scratch row a stride-2 row is padded in before it is split.
inline constexpr int64_t kDirectFloats = 8192;
inline constexpr int64_t kDirectRowFloats = 1024;
// Output rows per task at most: enough rows for two threads on a 7x7 plane
// while the band's copy stays small against its FMAs.
inline constexpr int64_t kDirectMaxBand = 8;

// Where the layout holds for `lanes`: a padded buffer row of every column
// two vectors of outputs read, stride 2 as two halves.
inline int64_t direct_row_floats(const DirectConvShape& s, int64_t lanes) {
  const int64_t columns = (s.ow + 2 * lanes - 1) / (2 * lanes) * (2 * lanes);
  if (s.stride == 1) return columns + s.kw - 1;
  return 2 * ((columns + s.kw / 2 + lanes - 1) / lanes * lanes);
}

// Output rows per band: as many as the buffer holds the input rows of.
inline int64_t direct_band(const DirectConvShape& s, int64_t lanes) {
  const int64_t rows = kDirectFloats / (s.c * direct_row_floats(s, lanes));
  return std::min({s.oh, kDirectMaxBand, (rows - s.kh) / s.stride + 1});
}

// Whether the kernel takes the shape: few channels, a window up to 3x3,
// stride 1 or 2, pads that do not crop, one band row within the buffers.
inline bool direct_fits(const DirectConvShape& s, int64_t lanes) {
  if (s.c < 1 || s.c > kDirectMaxChannels || s.kh < 1 || s.kw < 1 || s.kh > kDirectMaxWindow || s.kw > kDirectMaxWindow) return false;
  if ((s.stride != 1 && s.stride != 2) || s.pad_top < 0 || s.pad_left < 0 || s.m < 1 || s.oh < 1 || s.ow < 1 || s.h < 1 || s.w < 1) {
    return false;
  }
  if (s.ow > kDirectRowFloats) return false;  // no overflow below
  const int64_t row = direct_row_floats(s, lanes);
  return row + lanes <= kDirectRowFloats && s.c * s.kh * row <= kDirectFloats;
}

template <typename V>
constexpr int kDirectOutChannels = V::kLanes == 8 ? 6 : 4;  // AVX2: 12 accumulators; AVX-512 and NEON: 8

// Output rows [oy0, oy1) of one image: x, y at the image; w [M, C, kh, kw].
template <typename V, int kStride>
void direct_conv_band(const DirectConvShape& s, int64_t oy0, int64_t oy1, const float* x, const float* w, const float* bias,
                      const Activation& act, float* y) {
  using Vec = typename V::Vec;
  constexpr int64_t L = V::kLanes;
  constexpr int kM = kDirectOutChannels<V>;
  alignas(64) float buffer[kDirectFloats];
  alignas(64) float scratch[kDirectRowFloats];
  const int64_t row_floats = direct_row_floats(s, L), half = row_floats / 2;
  const int64_t in_rows = (oy1 - oy0 - 1) * kStride + s.kh, first = oy0 * kStride - s.pad_top;
  // Buffer column j holds input column j - pad_left.
  const int64_t count = std::max<int64_t>(0, std::min(s.w, row_floats - s.pad_left));
  for (int64_t c = 0; c < s.c; ++c) {
    for (int64_t r = 0; r < in_rows; ++r) {
      float* row = buffer + (c * in_rows + r) * row_floats;
      const int64_t iy = first + r;
      float* padded = kStride == 1 ? row : scratch;
      const int64_t floats = kStride == 1 ? row_floats : row_floats + L;
      if (iy < 0 || iy >= s.h) {
        std::fill(padded, padded + floats, 0.0f);
      } else {
        const float* in = x + (c * s.h + iy) * s.w;
        const int64_t left = std::min(s.pad_left, floats);
        std::fill(padded, padded + left, 0.0f);
        std::copy(in, in + count, padded + left);
        std::fill(padded + left + count, padded + floats, 0.0f);
      }
      if (kStride == 2) deinterleave_row<V>(scratch, half, row);
    }
  }
  const int64_t taps = s.c * s.kh * s.kw;
  const ActivationRegs<V> activate(act);
  for (int64_t m0 = 0; m0 < s.m; m0 += kM) {
    // Channels past M repeat the last one and are not stored.
    const float* wm[kM];
    Vec bias_v[kM];
    for (int i = 0; i < kM; ++i) {
      const int64_t m = std::min<int64_t>(m0 + i, s.m - 1);
      wm[i] = w + m * taps;
      bias_v[i] = V::set1(bias != nullptr ? bias[m] : 0.0f);
    }
    for (int64_t oy = oy0; oy < oy1; ++oy) {
      for (int64_t ox = 0; ox < s.ow; ox += 2 * L) {
        Vec acc[kM][2];
        INGOT_UNROLL
        for (int i = 0; i < kM; ++i) acc[i][0] = acc[i][1] = bias_v[i];
        int64_t t = 0;
        for (int64_t c = 0; c < s.c; ++c) {
          for (int64_t ky = 0; ky < s.kh; ++ky) {
            const float* row = buffer + (c * in_rows + (oy - oy0) * kStride + ky) * row_floats + ox;
            for (int64_t kx = 0; kx < s.kw; ++kx, ++t) {
              const float* in = kStride == 1 ? row + kx : row + (kx % 2) * half + kx / 2;
              const Vec a0 = V::load(in), a1 = V::load(in + L);
              INGOT_UNROLL
              for (int i = 0; i < kM; ++i) {
                const Vec k = V::set1(wm[i][t]);
                acc[i][0] = V::fmadd(k, a0, acc[i][0]);
                acc[i][1] = V::fmadd(k, a1, acc[i][1]);
              }
            }
          }
        }
        // Masked stores only at a row's end (they are slow on AMD's AVX2).
        const int64_t left = s.ow - ox;
        INGOT_UNROLL
        for (int i = 0; i < kM; ++i) {
          if (m0 + i >= s.m) break;
          float* out = y + ((m0 + i) * s.oh + oy) * s.ow + ox;
          const Vec v0 = activate(acc[i][0]), v1 = activate(acc[i][1]);
          if (left >= 2 * L) {
            V::store(out, v0);
            V::store(out + L, v1);
          } else if (left > L) {
            V::store(out, v0);
            V::store(out + L, v1, V::mask(left - L));
          } else {
            V::store(out, v0, V::mask(left));
          }
        }
      }
    }
  }
}

template <typename V>
Error conv_direct_f32(KernelContext& ctx) {
  F32Operands ops;
  if (Error e = f32_operands(ctx, &ops); e != Error::ok) return e;
  const Tensor* x = ops.a;
  const Tensor* w = ops.b;
  const Tensor& y = *ops.y;
  if (x->rank != 4 || w->rank != 4 || y.rank != 4) return ctx.fail("expects a 2-D convolution");
  if (ctx.attr_int("group", 1) != 1 || w->dims[1] != x->dims[1] || y.dims[1] != w->dims[0] || y.dims[0] != x->dims[0]) {
    return ctx.fail("expects an ungrouped convolution: w [M, C, kh, kw], y [N, M, oh, ow]");
  }
  if (ctx.attr_string("packed")[0] != '\0') return ctx.fail("expects weights as ONNX lays them out, not packed");
  ConvWindow window;
  if (Error e = read_conv_window(ctx, &window); e != Error::ok) return e;
  const List<int64_t>& pads = window.pads;
  Activation act;
  if (Error e = read_activation(ctx, &act); e != Error::ok) return e;
  const DirectConvShape s{x->dims[1], x->dims[2], x->dims[3], w->dims[0], y.dims[2], y.dims[3],
                          w->dims[2], w->dims[3], window.stride, pads[0], pads[1]};
  if (!direct_fits(s, V::kLanes)) return ctx.fail("expects at most 4 channels, a window up to 3x3, strides 1 or 2 and rows that fit");
  // The output must lie inside the input and its padding as the shape rule has it.
  if ((s.oh - 1) * s.stride + s.kh > s.h + s.pad_top + pads[2] || (s.ow - 1) * s.stride + s.kw > s.w + s.pad_left + pads[3]) {
    return ctx.fail("output dims do not match the input, kernel, strides and pads");
  }
  if (ops.bias != nullptr && ops.bias->numel != s.m) return ctx.fail("expects one bias per output channel");
  const float* bias = ops.bias != nullptr ? ops.bias->as<float>() : nullptr;
  const int64_t band = direct_band(s, V::kLanes), bands = (s.oh + band - 1) / band;
  // One band of output rows of one image per task, split over the threads.
  ctx.parallel_for(x->dims[0] * bands, [&](int64_t begin, int64_t end) {
    for (int64_t task = begin; task < end; ++task) {
      const int64_t n = task / bands, oy0 = (task % bands) * band, oy1 = std::min(s.oh, oy0 + band);
      const float* xn = x->as<float>() + n * s.c * s.h * s.w;
      float* yn = y.as<float>() + n * s.m * s.oh * s.ow;
      if (s.stride == 1) {
        direct_conv_band<V, 1>(s, oy0, oy1, xn, w->as<float>(), bias, act, yn);
      } else {
        direct_conv_band<V, 2>(s, oy0, oy1, xn, w->as<float>(), bias, act, yn);
      }
    }
  });
  return Error::ok;
}

}  // namespace ingot::rt::simd
