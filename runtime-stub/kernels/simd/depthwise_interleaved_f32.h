// Depthwise 2-D convolution on f32, NCHW, with kLanes channels at a time
// interleaved inside the kernel (NCHWc without a layout pass).
// On a 7x7 plane the plane-at-a-time kernel (depthwise_f32.h) fills 7 of 16
// AVX-512 lanes per row; here every vector holds one position of kLanes
// channels, so every lane does work whatever the plane's width.
//
// Per block of kLanes channels of one image:
//  1. the block's input planes are transposed, kLanes flat positions at a
//     time (V::transpose), into a stack buffer [rows][cols][kLanes] with the
//     padding made explicit as zeros;
//  2. every output position is kh * kw FMAs of whole vectors, with
//     per-channel tap vectors (the weights transposed once per block) and a
//     per-channel bias vector, kLanes positions at a time so that each tap
//     is loaded once for all of them; the fused activation in registers;
//  3. kLanes consecutive output positions (across rows: a plane is
//     contiguous) are transposed back and stored as one run per channel,
//     masked only at a band's end (masked stores are slow on AMD's AVX2).
// Planes run in bands of output rows whose padded input rows fit the stack
// buffer (kInterleavedFloats); rows up to ~200 (5x5, AVX-512) to 680 (3x3,
// NEON) wide fit. Only 3x3 and 5x5 kernels, strides 1 and 2 and non-negative
// pads are handled (interleaved_fits; compiler/kernel_variants.cc selects the
// kernel only there, and only where interleaved_pays).
// The sums run in the reference's order (bias, then the taps row by row), so
// the result does not depend on the thread count.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "ingot/kernel.h"
#include "kernels/simd/depthwise_f32.h"
#include "kernels/simd/conv_window.h"
#include "kernels/simd/f32_operands.h"
#include "kernels/simd/fused_activation.h"

namespace ingot::rt::simd {

// Channels per interleaved block on each ISA (V::kLanes): what the compiler's fit rule needs.
constexpr int64_t interleaved_lanes(std::string_view isa) {
  if (isa == "avx2") return 8;
  if (isa == "avx512") return 16;
  if (isa == "neon") return 4;
  return 0;
}

// Floats of the stack buffer holding a band of one block's padded input rows
// (64 KiB): a 14x14 plane with 5x5 taps is one band on every ISA.
inline constexpr int64_t kInterleavedFloats = 16384;

// Output rows per band: as many as the buffer holds the padded input rows
// of (at least one, where interleaved_fits).
inline int64_t interleaved_band(const DepthwiseShape& s, int64_t lanes) {
  const int64_t cols = (s.ow - 1) * s.stride + s.kw;
  const int64_t rows = kInterleavedFloats / (cols * lanes);
  return std::min(s.oh, (rows - s.kh) / s.stride + 1);
}

// Whether the kernel takes the shape: 3x3 or 5x5 taps, stride 1 or 2, pads
// that do not crop, and one output row's padded input rows of `lanes`
// channels in the buffer.
inline bool interleaved_fits(const DepthwiseShape& s, int64_t lanes) {
  if (s.kh != s.kw || (s.kh != 3 && s.kh != 5) || (s.stride != 1 && s.stride != 2)) return false;
  if (s.pad_top < 0 || s.pad_left < 0 || s.oh < 1 || s.ow < 1 || s.h < 1 || s.w < 1) return false;
  if (s.ow > kInterleavedFloats) return false;  // no overflow below
  return ((s.ow - 1) * s.stride + s.kw) * s.kh * lanes <= kInterleavedFloats;
}

// Where it is faster than depthwise_f32.h (bench/kernels/depthwise_bench.h
// on the mobilenet_v2 / efficientnet_b0 layers, AVX2, median GFLOP/s of
// interleaved repetitions on a shared host): 5x5 taps everywhere (1.2x to
// 2.4x); 3x3 taps on rows at most 30 wide once padded, i.e. outputs up to 28
// wide with stride 1 (1.2x to 1.6x) and 14 with stride 2 (0.9x to 1.15x from
// run to run). On wider rows the plane kernel's whole vectors are as fast
// with stride 1 (0.95x to 1.0x at 56x56 and 112x112) and faster with stride 2
// (0.7x to 0.9x): transposing four inputs per output costs more than the
// nine FMAs gain.
inline bool interleaved_pays(const DepthwiseShape& s) { return s.kh == 5 || (s.ow - 1) * s.stride + s.kw <= 30; }

// The taps and bias of one block of `channels` <= kLanes channels as
// vectors: lane j for channel j, zero past the block. k points at the
// block's first taps ([channel][kK * kK]); bias at its first value or null.
template <typename V, int kK>
struct InterleavedTaps {
  using Vec = typename V::Vec;
  static constexpr int kTaps = kK * kK;
  Vec taps[kTaps];
  Vec bias;

  InterleavedTaps(int64_t channels, const float* k, const float* bias_values) {
    constexpr int64_t L = V::kLanes;
    alignas(64) float lanes[(kTaps + 1) * L];
    for (int64_t j = 0; j < L; ++j) {
      for (int t = 0; t < kTaps; ++t) lanes[t * L + j] = j < channels ? k[j * kTaps + t] : 0.0f;
      lanes[kTaps * L + j] = j < channels && bias_values != nullptr ? bias_values[j] : 0.0f;
    }
    for (int t = 0; t < kTaps; ++t) taps[t] = V::load(lanes + t * L);
    bias = V::load(lanes + kTaps * L);
  }
};

// Output rows [oy0, oy1) of one block of `channels` <= kLanes channels from
// its padded, interleaved input rows: `rows` points at the block's lanes of
// padded input row oy0 * stride (row 0 of the band), whose columns lie
// `col_floats` apart ((ow - 1) * stride + kw of them per row). kLanes
// consecutive output positions at a time (they may span rows): kLanes
// accumulators, each tap loaded once for all of them; transposed, one
// contiguous run per channel plane of y (the block's first output plane).
// Positions past the band repeat its last one and are not stored.
template <typename V, int kK>
void interleaved_band_outputs(const DepthwiseShape& s, int64_t oy0, int64_t oy1, const float* rows, int64_t col_floats,
                              int64_t channels, const InterleavedTaps<V, kK>& t, const ActivationRegs<V>& activate, float* y) {
  using Vec = typename V::Vec;
  constexpr int64_t L = V::kLanes;
  const int64_t cols = (s.ow - 1) * s.stride + s.kw, row_floats = cols * col_floats, ohw = s.oh * s.ow;
  const int64_t end = oy1 * s.ow;
  int64_t oy = oy0, ox = 0;
  for (int64_t p0 = oy0 * s.ow; p0 < end; p0 += L) {
    const int64_t n = std::min(L, end - p0);
    const float* at[L];
    for (int64_t g = 0; g < L; ++g) {
      at[g] = rows + (oy - oy0) * s.stride * row_floats + ox * s.stride * col_floats;
      if (g + 1 < n && ++ox == s.ow) {
        ox = 0;
        ++oy;
      }
    }
    if (++ox == s.ow) {  // the position after the group's last
      ox = 0;
      ++oy;
    }
    Vec acc[L];
    for (int64_t g = 0; g < L; ++g) acc[g] = t.bias;
    for (int ky = 0; ky < kK; ++ky) {
      for (int kx = 0; kx < kK; ++kx) {
        const Vec tap = t.taps[ky * kK + kx];
#pragma GCC unroll 16
        for (int64_t g = 0; g < L; ++g) acc[g] = V::fmadd(tap, V::load(at[g] + ky * row_floats + kx * col_floats), acc[g]);
      }
    }
    for (int64_t g = 0; g < L; ++g) acc[g] = activate(acc[g]);
    V::transpose(acc);
    if (n == L) {  // masked stores are slow on some CPUs (AVX2 on AMD): only for a band's tail
      for (int64_t j = 0; j < channels; ++j) V::store(y + j * ohw + p0, acc[j]);
    } else {
      const auto mask = V::mask(n);
      for (int64_t j = 0; j < channels; ++j) V::store(y + j * ohw + p0, acc[j], mask);
    }
  }
}

// One block of `channels` <= kLanes planes of one image: x, y and k point at
// the block's first plane, output plane and taps; bias at its first value or null.
template <typename V, int kK>
void depthwise_interleaved_block(const DepthwiseShape& s, int64_t channels, const float* x, const float* k,
                                 const float* bias, const Activation& act, float* y) {
  using Vec = typename V::Vec;
  constexpr int64_t L = V::kLanes;
  alignas(64) float buffer[kInterleavedFloats];
  const InterleavedTaps<V, kK> taps(channels, k, bias);
  const ActivationRegs<V> activate(act);

  const int64_t cols = (s.ow - 1) * s.stride + s.kw, row_floats = cols * L;
  const int64_t in_cols = std::min(s.w, cols - s.pad_left), hw = s.h * s.w;
  const int64_t band = interleaved_band(s, L);
  for (int64_t oy0 = 0; oy0 < s.oh; oy0 += band) {
    const int64_t oy1 = std::min(s.oh, oy0 + band);
    // Buffer row r holds input row first + r (rows outside the input are padding).
    const int64_t rows = (oy1 - oy0 - 1) * s.stride + s.kh, first = oy0 * s.stride - s.pad_top;
    const int64_t in_first = std::max<int64_t>(first, 0), in_last = std::min(s.h, first + rows);

    // 1. The padding as zeros: whole rows outside the input, and the columns
    // left and right of it in the rows inside.
    for (int64_t r = 0; r < rows; ++r) {
      float* row = buffer + r * row_floats;
      if (first + r < in_first || first + r >= in_last || in_cols <= 0) {
        std::fill(row, row + row_floats, 0.0f);
        continue;
      }
      std::fill(row, row + s.pad_left * L, 0.0f);
      std::fill(row + (s.pad_left + in_cols) * L, row + row_floats, 0.0f);
    }
    // The band's input rows (contiguous in each plane), kLanes positions at a time.
    int64_t iy = in_first, ix = 0;
    for (int64_t p0 = in_first * s.w; p0 < in_last * s.w; p0 += L) {
      const int64_t n = std::min(L, in_last * s.w - p0);
      Vec v[L];
      for (int64_t j = 0; j < L; ++j) {
        if (j >= channels) {
          v[j] = V::zero();
        } else {
          v[j] = n == L ? V::load(x + j * hw + p0) : V::load(x + j * hw + p0, V::mask(n));
        }
      }
      V::transpose(v);
      for (int64_t i = 0; i < n; ++i) {
        if (ix < in_cols) V::store(buffer + ((iy - first) * cols + ix + s.pad_left) * L, v[i]);
        if (++ix == s.w) {
          ix = 0;
          ++iy;
        }
      }
    }

    // 2. The band's outputs.
    interleaved_band_outputs<V, kK>(s, oy0, oy1, buffer, L, channels, taps, activate, y);
  }
}

template <typename V>
Error depthwise_interleaved_conv_f32(KernelContext& ctx) {
  F32Operands ops;
  if (Error e = f32_operands(ctx, &ops); e != Error::ok) return e;
  const Tensor* x = ops.a;
  const Tensor* w = ops.b;
  const Tensor& y = *ops.y;
  if (x->rank != 4 || w->rank != 4 || y.rank != 4) return ctx.fail("expects a 2-D convolution");
  const int64_t channels = x->dims[1];
  if (ctx.attr_int("group", 1) != channels || w->dims[0] != channels || w->dims[1] != 1 || y.dims[1] != channels ||
      y.dims[0] != x->dims[0]) {
    return ctx.fail("expects a depthwise convolution (group = channels = outputs)");
  }
  ConvWindow window;
  if (Error e = read_conv_window(ctx, &window); e != Error::ok) return e;
  const List<int64_t>& pads = window.pads;
  Activation act;
  if (Error e = read_activation(ctx, &act); e != Error::ok) return e;
  const DepthwiseShape s{x->dims[2], x->dims[3], y.dims[2], y.dims[3], w->dims[2], w->dims[3], window.stride, pads[0], pads[1]};
  if (!interleaved_fits(s, V::kLanes)) return ctx.fail("expects 3x3 or 5x5 taps, strides 1 or 2 and a plane that fits the stack buffer");
  // The output must lie inside the input and its padding as the shape rule has it.
  if ((s.oh - 1) * s.stride + s.kh > s.h + s.pad_top + pads[2] || (s.ow - 1) * s.stride + s.kw > s.w + s.pad_left + pads[3]) {
    return ctx.fail("output dims do not match the input, kernel, strides and pads");
  }
  if (ops.bias != nullptr && ops.bias->numel != channels) return ctx.fail("expects one bias per channel");
  const float* bias = ops.bias != nullptr ? ops.bias->as<float>() : nullptr;
  const int64_t blocks = (channels + V::kLanes - 1) / V::kLanes;
  // One block of channels of one image per task, split over the threads.
  ctx.parallel_for(x->dims[0] * blocks, [&](int64_t begin, int64_t end) {
    for (int64_t task = begin; task < end; ++task) {
      const int64_t n = task / blocks, c0 = (task % blocks) * V::kLanes;
      const int64_t count = std::min<int64_t>(V::kLanes, channels - c0);
      const float* xp = x->as<float>() + (n * channels + c0) * s.h * s.w;
      const float* kp = w->as<float>() + c0 * s.kh * s.kw;
      const float* bp = bias != nullptr ? bias + c0 : nullptr;
      float* yp = y.as<float>() + (n * channels + c0) * s.oh * s.ow;
      if (s.kh == 3) {
        depthwise_interleaved_block<V, 3>(s, count, xp, kp, bp, act, yp);
      } else {
        depthwise_interleaved_block<V, 5>(s, count, xp, kp, bp, act, yp);
      }
    }
  });
  return Error::ok;
}

}  // namespace ingot::rt::simd
