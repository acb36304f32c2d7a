// expand_depthwise on f32, NCHW: an inverted-residual block's 1x1 expand
// conv and the depthwise conv that is its only consumer, in one kernel, so
// that the expanded tensor (6x the block's input, 4.8 MB for mobilenet_v2's
// 96 x 112 x 112) never goes to memory and back: the expand alone ran
// memory-bound at a fraction of the GEMM's speed (K is only 16 to 40).
//
// Per image, the depthwise's output rows go in bands; a stack buffer holds
// the padded expanded input rows a band reads, position-major
// ([row][column][channel], channels padded to a whole vector): the layout
// depthwise_interleaved_f32.h builds by transposes, here written directly
// by the GEMM:
//  1. each input row is expanded once, as the product of its pixels by
//     the expand weights (B = w_expand [C, E], column panels packed by the
//     compiler, `packed = "nr16"`), plus the expand's bias and activation:
//     gemm_f32.h's microkernel, 6 pixels x 16 channels per tile on AVX2.
//     The pixels (A, W x C) are first packed into the GEMM's row panels
//     (pack_f32.h): read in place, A's elements lie a plane apart, and the
//     microkernel's broadcasts and prefetches then stride across megabytes;
//  2. the band's outputs, kLanes channels at a time, by
//     interleaved_band_outputs (depthwise_interleaved_f32.h) with the
//     depthwise's bias and activation;
//  3. the rows the next band reads again (kh - stride of them) move to the
//     buffer's start, so that no row is expanded twice.
// Threads take parts of an image's output rows; a part expands the rows it
// reads, so rows at a part's edge are expanded twice, by identical sums.
// The padding columns and the channels past E stay zero: the buffer is
// cleared once per part and the GEMM writes only the inside.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "ingot/kernel.h"
#include "kernels/portable/expand_depthwise_operands.h"
#include "kernels/simd/conv_window.h"
#include "kernels/simd/depthwise_interleaved_f32.h"
#include "kernels/simd/fused_activation.h"
#include "kernels/simd/gemm_f32.h"
#include "kernels/simd/linalg_f32.h"
#include "kernels/simd/pack_f32.h"

namespace ingot::rt::simd {

// Floats of the stack buffer of expanded rows (256 KiB, half of a Zen 3
// core's L2): mobilenet_v2's widest block, 96 x 112 channels x columns,
// takes five rows.
inline constexpr int64_t kExpandFloats = 65536;

struct ExpandDepthwiseShape {
  DepthwiseShape dw;  // of the depthwise, on the expanded planes
  int64_t c, e;       // input and expanded channels
};

// Floats between two columns of an expanded row: E rounded up to a vector.
inline int64_t expand_col_floats(int64_t e, int64_t lanes) { return (e + lanes - 1) / lanes * lanes; }

// Floats of one padded expanded row.
inline int64_t expand_row_floats(const ExpandDepthwiseShape& s, int64_t lanes) {
  return ((s.dw.ow - 1) * s.dw.stride + s.dw.kw) * expand_col_floats(s.e, lanes);
}

// Floats of the stack buffer of one input row's pixels packed as A (32 KiB).
inline constexpr int64_t kExpandPixelFloats = 8192;

// Whether the kernel takes the shape: the depthwise's as
// depthwise_interleaved_f32.h takes it, the kh expanded rows one output
// row reads in the buffer, and an input row's W x C pixels in theirs.
inline bool expand_depthwise_fits(const ExpandDepthwiseShape& s, int64_t lanes) {
  if (!interleaved_fits(s.dw, lanes) || s.c < 1 || s.e < 1 || s.e > kExpandFloats || s.c > kExpandPixelFloats) return false;
  return s.dw.kh * expand_row_floats(s, lanes) <= kExpandFloats && s.dw.w * s.c <= kExpandPixelFloats;
}

// Where it is faster than the two kernels it replaces
// (bench/kernels/expand_depthwise_bench.h on the mobilenet_v2 and
// efficientnet_b0 blocks, AVX2, Zen 3, medians of 7 to 9 interleaved
// repetitions on a loaded shared host): stride 2 on input rows at least 28
// wide (1.15x to 1.35x at 112 and 56, 1.15x to 1.25x at 28), and stride 1
// at 28 (1.1x to 1.35x). Stride 1 at 56 loses (0.75x: the plane kernel's
// contiguous loads are as fast there, and a 56-pixel row leaves the GEMM a
// 2-row tail tile), and so do rows of 14 and 7 (0.7x to 0.95x: a row is the
// GEMM's M, and 14 or 7 pixels leave its 6-row tiles partly empty). And
// only a real expansion, E at least 4 C: shufflenet_v2's branch convs
// (58 > 58, 24 > 58) write no wider a tensor than they read, and fused they
// measured 0.8x to 0.9x.
inline bool expand_depthwise_pays(const ExpandDepthwiseShape& s) {
  return s.e >= 4 * s.c && s.dw.w >= 28 && (s.dw.stride == 2 || s.dw.w < 56);
}

// Output rows per band: as many as the buffer holds the expanded rows of.
inline int64_t expand_band(const ExpandDepthwiseShape& s, int64_t lanes) {
  const int64_t rows = kExpandFloats / expand_row_floats(s, lanes);
  return std::min(s.dw.oh, (rows - s.dw.kh) / s.dw.stride + 1);
}

// Output rows [oy_begin, oy_end) of one image: x its input [C, H, W], y its
// output [E, oh, ow].
template <typename V>
void expand_depthwise_rows(const ExpandDepthwiseShape& s, const float* x, const float* w_expand, const float* b_expand,
                           const Activation& act_expand, const float* k, const float* bias, const Activation& act,
                           int64_t oy_begin, int64_t oy_end, float* y) {
  constexpr int64_t L = V::kLanes;
  alignas(64) float buffer[kExpandFloats];
  alignas(64) float pixels[kExpandPixelFloats];
  const DepthwiseShape& d = s.dw;
  const int64_t col_floats = expand_col_floats(s.e, L), row_floats = expand_row_floats(s, L);
  const int64_t cols = row_floats / col_floats, in_cols = std::min(d.w, cols - d.pad_left);
  const int64_t band = expand_band(s, L);
  std::fill(buffer, buffer + kExpandFloats, 0.0f);

  GemmArgs g;
  g.m = in_cols;
  g.n = s.e;
  g.k = s.c;
  g.a = pixels;
  g.lda = s.c;
  g.a_packed = true;
  g.b = w_expand;
  g.ldb = s.c;
  g.b_packed = true;
  g.ldc = col_floats;
  g.bias_col = b_expand;
  g.act = act_expand;

  const ActivationRegs<V> activate(act);
  int64_t held_first = 0, held_rows = 0;  // padded rows in the buffer from the last band
  for (int64_t oy0 = oy_begin; oy0 < oy_end; oy0 += band) {
    const int64_t oy1 = std::min(oy_end, oy0 + band);
    // Buffer row r holds padded row first + r, input row first + r - pad_top.
    const int64_t first = oy0 * d.stride, rows = (oy1 - oy0 - 1) * d.stride + d.kh;
    int64_t kept = 0;
    if (held_rows > 0 && first < held_first + held_rows) {
      kept = held_first + held_rows - first;
      std::memmove(buffer, buffer + (first - held_first) * row_floats, static_cast<size_t>(kept * row_floats) * sizeof(float));
    }
    for (int64_t r = kept; r < rows; ++r) {
      float* row = buffer + r * row_floats;
      const int64_t iy = first + r - d.pad_top;
      if (iy < 0 || iy >= d.h || in_cols <= 0) {
        std::fill(row, row + row_floats, 0.0f);
        continue;
      }
      // A[pixel][channel] = x[channel * H * W + pixel] of the row's first in_cols pixels.
      pack_a_panels(x + iy * d.w, in_cols, s.c, 1, V::kRows, pixels, d.h * d.w);
      g.c = row + d.pad_left * col_floats;
      gemm_f32<V>(g);
    }
    held_first = first;
    held_rows = rows;
    for (int64_t c0 = 0; c0 < s.e; c0 += L) {
      const int64_t channels = std::min(L, s.e - c0);
      const float* bias_c = bias != nullptr ? bias + c0 : nullptr;
      float* y_c = y + c0 * d.oh * d.ow;
      if (d.kh == 3) {
        const InterleavedTaps<V, 3> taps(channels, k + c0 * 9, bias_c);
        interleaved_band_outputs<V, 3>(d, oy0, oy1, buffer + c0, col_floats, channels, taps, activate, y_c);
      } else {
        const InterleavedTaps<V, 5> taps(channels, k + c0 * 25, bias_c);
        interleaved_band_outputs<V, 5>(d, oy0, oy1, buffer + c0, col_floats, channels, taps, activate, y_c);
      }
    }
  }
}

// Operands (portable/expand_depthwise_operands.h): x [N, C, H, W],
// w_expand [C, E] (packed in column panels), b_expand [E], w [E, 1, kh,
// kw], bias [E]; y [N, E, oh, ow]. Attributes: the depthwise's strides, pads, dilations and
// activation; the expand's expand_activation.
template <typename V>
Error expand_depthwise_f32(KernelContext& ctx) {
  portable::ExpandDepthwiseOperands o;
  if (Error err = portable::read_expand_depthwise(ctx, &o); err != Error::ok) return err;
  if (o.x->dtype != DType::f32) return ctx.fail("expects f32 operands");
  const Tensor *x = o.x, *w_expand = o.w_expand, *b_expand = o.b_expand, *w = o.w, *bias = o.bias;
  const Tensor& y = *o.y;
  const int64_t c = o.c, e = o.e;
  if (Error err = check_packed(ctx, 'n', 2 * V::kLanes); err != Error::ok) return err;
  ConvWindow window;
  if (Error err = read_conv_window(ctx, &window); err != Error::ok) return err;
  Activation act_expand, act;
  if (Error err = read_activation(ctx, &act_expand, "expand_activation", "expand_activation_params"); err != Error::ok) return err;
  if (Error err = read_activation(ctx, &act); err != Error::ok) return err;
  const List<int64_t>& pads = window.pads;
  const ExpandDepthwiseShape s{{x->dims[2], x->dims[3], y.dims[2], y.dims[3], w->dims[2], w->dims[3], window.stride, pads[0], pads[1]}, c, e};
  if (!expand_depthwise_fits(s, V::kLanes)) return ctx.fail("expects 3x3 or 5x5 taps, strides 1 or 2 and rows that fit the stack buffer");
  const DepthwiseShape& d = s.dw;
  if ((d.oh - 1) * d.stride + d.kh > d.h + d.pad_top + pads[2] || (d.ow - 1) * d.stride + d.kw > d.w + d.pad_left + pads[3]) {
    return ctx.fail("output dims do not match the input, kernel, strides and pads");
  }
  // Each thread a part of an image's rows: at most one part per thread,
  // each at least a band, so that few rows are expanded twice.
  const int64_t band = expand_band(s, V::kLanes);
  const int64_t parts = std::max<int64_t>(1, std::min<int64_t>(ctx.threads(), (d.oh + band - 1) / band));
  const int64_t part_rows = (d.oh + parts - 1) / parts;
  ctx.parallel_for(x->dims[0] * parts, [&](int64_t begin, int64_t end) {
    for (int64_t task = begin; task < end; ++task) {
      const int64_t n = task / parts, oy_begin = (task % parts) * part_rows;
      const int64_t oy_end = std::min(d.oh, oy_begin + part_rows);
      if (oy_begin >= oy_end) continue;
      expand_depthwise_rows<V>(s, x->as<float>() + n * c * d.h * d.w, w_expand->as<float>(),
                               b_expand != nullptr ? b_expand->as<float>() : nullptr, act_expand, w->as<float>(),
                               bias != nullptr ? bias->as<float>() : nullptr, act, oy_begin, oy_end, y.as<float>() + n * e * d.oh * d.ow);
    }
  });
  return Error::ok;
}

}  // namespace ingot::rt::simd
