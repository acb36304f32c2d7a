// Depthwise 2-D convolution on f32, NCHW, for small planes: kLanes channels
// at a time are interleaved inside the kernel (NCHWc without a layout pass).
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
//     is loaded once for all of them; the fused clamp in registers;
//  3. kLanes consecutive output positions (across rows: a plane is
//     contiguous) are transposed back and stored as one run per channel,
//     masked only at the plane's end (masked stores are slow on AMD's AVX2).
// Only 3x3 and 5x5 kernels, strides 1 and 2 and non-negative pads are
// handled, and only planes whose padded block fits kInterleavedFloats
// (interleaved_fits, which compiler/kernel_variants.cc applies too). Where it
// fits it beat depthwise_f32.h on every mobilenet_v2 and efficientnet_b0
// layer (bench/kernels/depthwise_bench.h, AVX2): 3x3 taps 1.05x (stride 2)
// to 1.9x (7x7 to 28x28, stride 1), 5x5 taps 1.6x to 3x.
// The sums run in the reference's order (bias, then the taps row by row), so
// the result does not depend on the thread count.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "ingot/kernel.h"
#include "kernels/simd/depthwise_f32.h"
#include "kernels/simd/f32_operands.h"
#include "kernels/simd/fused_clamp.h"

namespace ingot::rt::simd {

// Channels per interleaved block on each ISA (V::kLanes): what the compiler's fit rule needs.
constexpr int64_t interleaved_lanes(std::string_view isa) {
  if (isa == "avx2") return 8;
  if (isa == "avx512") return 16;
  if (isa == "neon") return 4;
  return 0;
}

// Floats of the stack buffer holding one block's padded planes (64 KiB):
// 28x28 outputs with 3x3 taps (30 x 30 x 16) fit on every ISA.
inline constexpr int64_t kInterleavedFloats = 16384;

// The padded input rows and columns that the output reads.
struct InterleavedPlane {
  int64_t rows, cols;
};

inline InterleavedPlane interleaved_plane(const DepthwiseShape& s) {
  return {(s.oh - 1) * s.stride + s.kh, (s.ow - 1) * s.stride + s.kw};
}

// Whether the kernel takes the shape: 3x3 or 5x5 taps, stride 1 or 2, pads
// that do not crop, and a block of `lanes` padded planes in the buffer.
inline bool interleaved_fits(const DepthwiseShape& s, int64_t lanes) {
  if (s.kh != s.kw || (s.kh != 3 && s.kh != 5) || (s.stride != 1 && s.stride != 2)) return false;
  if (s.pad_top < 0 || s.pad_left < 0 || s.oh < 1 || s.ow < 1 || s.h < 1 || s.w < 1) return false;
  if (s.oh > kInterleavedFloats || s.ow > kInterleavedFloats) return false;  // no overflow below
  const InterleavedPlane p = interleaved_plane(s);
  return p.rows * p.cols * lanes <= kInterleavedFloats;
}

// One block of `channels` <= kLanes planes of one image: x, y and k point at
// the block's first plane, output plane and taps; bias at its first value or null.
template <typename V, int kK>
void depthwise_interleaved_block(const DepthwiseShape& s, int64_t channels, const float* x, const float* k,
                                 const float* bias, const Clamp& clamp, float* y) {
  using Vec = typename V::Vec;
  constexpr int64_t L = V::kLanes;
  constexpr int kTaps = kK * kK;
  const InterleavedPlane p = interleaved_plane(s);
  alignas(64) float buffer[kInterleavedFloats];

  // 1. The padding as zeros: whole rows above and below the input, and the
  // columns left and right of it in the rows between.
  const int64_t in_rows = std::min(s.h, p.rows - s.pad_top), in_cols = std::min(s.w, p.cols - s.pad_left);
  for (int64_t r = 0; r < p.rows; ++r) {
    float* row = buffer + r * p.cols * L;
    if (r < s.pad_top || r >= s.pad_top + in_rows || in_cols <= 0) {
      std::fill(row, row + p.cols * L, 0.0f);
      continue;
    }
    std::fill(row, row + s.pad_left * L, 0.0f);
    std::fill(row + (s.pad_left + in_cols) * L, row + p.cols * L, 0.0f);
  }
  // The input, kLanes flat positions of the block's planes at a time.
  const int64_t hw = s.h * s.w;
  int64_t iy = 0, ix = 0;
  for (int64_t p0 = 0; p0 < hw; p0 += L) {
    const int64_t n = std::min(L, hw - p0);
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
      if (iy < in_rows && ix < in_cols) V::store(buffer + ((iy + s.pad_top) * p.cols + ix + s.pad_left) * L, v[i]);
      if (++ix == s.w) {
        ix = 0;
        ++iy;
      }
    }
  }

  // 2. Tap and bias vectors: lane j for channel j, zero past the block.
  alignas(64) float lanes[(kTaps + 1) * L];
  for (int64_t j = 0; j < L; ++j) {
    for (int t = 0; t < kTaps; ++t) lanes[t * L + j] = j < channels ? k[j * kTaps + t] : 0.0f;
    lanes[kTaps * L + j] = j < channels && bias != nullptr ? bias[j] : 0.0f;
  }
  Vec taps[kTaps];
  for (int t = 0; t < kTaps; ++t) taps[t] = V::load(lanes + t * L);
  const Vec bias_v = V::load(lanes + kTaps * L), lo = V::set1(clamp.lo), hi = V::set1(clamp.hi);

  // 3. kLanes consecutive output positions at a time (they may span rows):
  // kLanes accumulators, each tap loaded once for all of them; transposed,
  // one contiguous run per channel plane. Positions past the plane repeat
  // the last one and are not stored.
  const int64_t row_floats = p.cols * L, ohw = s.oh * s.ow;
  int64_t oy = 0, ox = 0;
  for (int64_t p0 = 0; p0 < ohw; p0 += L) {
    const int64_t n = std::min(L, ohw - p0);
    const float* at[L];
    for (int64_t g = 0; g < L; ++g) {
      at[g] = buffer + (oy * s.stride * p.cols + ox * s.stride) * L;
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
    for (int64_t g = 0; g < L; ++g) acc[g] = bias_v;
    for (int ky = 0; ky < kK; ++ky) {
      for (int kx = 0; kx < kK; ++kx) {
        const Vec tap = taps[ky * kK + kx];
#pragma GCC unroll 16
        for (int64_t g = 0; g < L; ++g) acc[g] = V::fmadd(tap, V::load(at[g] + ky * row_floats + kx * L), acc[g]);
      }
    }
    for (int64_t g = 0; g < L; ++g) acc[g] = V::clamp(acc[g], lo, hi);
    V::transpose(acc);
    if (n == L) {  // masked stores are slow on some CPUs (AVX2 on AMD): only for the plane's tail
      for (int64_t j = 0; j < channels; ++j) V::store(y + j * ohw + p0, acc[j]);
    } else {
      const auto mask = V::mask(n);
      for (int64_t j = 0; j < channels; ++j) V::store(y + j * ohw + p0, acc[j], mask);
    }
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
  const List<int64_t> strides = ctx.attr_ints("strides"), pads = ctx.attr_ints("pads"), dilations = ctx.attr_ints("dilations");
  if (strides.size != 2 || pads.size != 4 || strides[0] != strides[1]) return ctx.fail("expects equal strides and four pads");
  for (int64_t d : dilations) {
    if (d != 1) return ctx.fail("no dilation");
  }
  Clamp clamp;
  if (Error e = read_clamp(ctx, &clamp); e != Error::ok) return e;
  const DepthwiseShape s{x->dims[2], x->dims[3], y.dims[2], y.dims[3], w->dims[2], w->dims[3], strides[0], pads[0], pads[1]};
  if (!interleaved_fits(s, V::kLanes)) return ctx.fail("expects 3x3 or 5x5 taps, strides 1 or 2 and a plane that fits the stack buffer");
  // The output must lie inside the input and its padding as the shape rule has it.
  if ((s.oh - 1) * s.stride + s.kh > s.h + s.pad_top + pads[2] || (s.ow - 1) * s.stride + s.kw > s.w + s.pad_left + pads[3]) {
    return ctx.fail("output dims do not match the input, kernel, strides and pads");
  }
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
        depthwise_interleaved_block<V, 3>(s, count, xp, kp, bp, clamp, yp);
      } else {
        depthwise_interleaved_block<V, 5>(s, count, xp, kp, bp, clamp, yp);
      }
    }
  });
  return Error::ok;
}

}  // namespace ingot::rt::simd
