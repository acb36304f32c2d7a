// qconv (kernels/portable/qconv.cc) on AVX2 for depthwise 2-D convolutions
// (group = channels = outputs), strides 1 or 2, no dilation, any padding
// and taps, u8 or i8 activations and weights, u8 or i8 output: 16 outputs
// of a row at a time, bit for bit the reference kernel.
//
// Per channel the plane is copied once into a stack buffer with its padding
// filled with x_zero_point (the real 0), so the taps need no bounds checks;
// with stride 2 the copy splits each row into its even and odd columns, so
// that every tap reads 16 consecutive inputs either way. Taps go in pairs:
// the inputs of two taps interleaved as i16 against a broadcast pair of
// centred weights, one vpmaddwd per 8 outputs (exact: qgemm_avx2.h says
// why). x is not centred per load: sum (x - x_zp) * w' = sum x * w' - x_zp *
// sum w' (mod 2^32, as the reference's wrapping sum), the second term folded
// into the bias once per channel; padding holds x_zp, so it adds x_zp * w'
// that the fold takes back, exactly as a reference tap skipped.
#pragma once

#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/portable/qconv_operands.h"
#include "kernels/x86/qconv_depthwise_shape.h"
#include "kernels/x86/qgemm_avx2.h"

namespace ingot::rt::x86 {

// dst_even[i] = src[2i], dst_odd[i] = src[2i + 1] for 2i < n, 32 inputs
// at a time (src readable up to n rounded up to 32).
template <typename X>
void split_phases(const X* src, int64_t n, X* dst_even, X* dst_odd) {
  // Per 128-bit lane: the 8 even bytes, then the 8 odd ones.
  const __m256i order = _mm256_setr_epi8(0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15,  //
                                         0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);
  for (int64_t i = 0; 2 * i < n; i += 16) {
    const __m256i v = _mm256_shuffle_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + 2 * i)), order);
    const __m256i phases = _mm256_permute4x64_epi64(v, 0xD8);  // evens of both lanes, then odds
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst_even + i), _mm256_castsi256_si128(phases));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst_odd + i), _mm256_extracti128_si256(phases, 1));
  }
}

// The channel's plane with its padding, row r of phase q (column 2i + q of
// the padded row with stride 2) at plane + (r * stride + q) * row_width().
// With stride 2 a row is padded in `row` first (2 * row_width() values),
// then split.
template <typename X>
void pad_plane(const QdwShape& s, const X* x, X pad, X* plane, X* row) {
  const int64_t width = s.row_width(), rows = s.padded_rows();
  std::fill(plane, plane + rows * s.stride * width, pad);
  if (s.stride == 2) std::fill(row, row + 2 * width, pad);
  for (int64_t iy = 0; iy < s.h; ++iy) {
    X* dst = plane + (iy + s.pt) * s.stride * width;
    if (s.stride == 1) {
      std::memcpy(dst + s.pl, x + iy * s.w, static_cast<size_t>(s.w));
    } else {
      std::memcpy(row + s.pl, x + iy * s.w, static_cast<size_t>(s.w));
      split_phases(row, s.w + s.pl, dst, dst + width);
    }
  }
}

// One channel: y[oy, ox] for the whole output plane.
template <typename X, typename Y>
void qdw_channel(const QdwShape& s, const X* plane, const __m256i* weight_pairs, int64_t pairs, int32_t bias,
                 const RowRequant& requant, const OutputRange& range, Y* y) {
  const int64_t width = s.row_width(), taps = s.kh * s.kw;
  const __m256i bias_v = _mm256_set1_epi32(bias);
  for (int64_t oy = 0; oy < s.oh; ++oy) {
    for (int64_t ox = 0; ox < s.ow; ox += 16) {
      __m256i lo = _mm256_setzero_si256(), hi = _mm256_setzero_si256();
      // The inputs of tap t: 16 consecutive values of its row and phase.
      auto tap = [&](int64_t t) {
        const int64_t ky = t / s.kw, kx = t % s.kw;
        const int64_t row = (oy * s.stride + ky) * s.stride + (s.stride == 2 ? (kx & 1) : 0);
        const int64_t col = ox + (s.stride == 2 ? kx / 2 : kx);
        return widen_16(plane + row * width + col);
      };
      for (int64_t p = 0; p < pairs; ++p) {
        const __m256i a = tap(2 * p);
        const __m256i b = 2 * p + 1 < taps ? tap(2 * p + 1) : _mm256_setzero_si256();
        lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(a, b), weight_pairs[p]));  // columns 0-3 | 8-11
        hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(a, b), weight_pairs[p]));  // columns 4-7 | 12-15
      }
      const __m256i v0 = range.apply(requant.apply(_mm256_add_epi32(_mm256_permute2x128_si256(lo, hi, 0x20), bias_v)));
      const __m256i v1 = range.apply(requant.apply(_mm256_add_epi32(_mm256_permute2x128_si256(lo, hi, 0x31), bias_v)));
      const __m128i bytes = narrow_16<std::is_signed_v<Y>>(v0, v1);
      Y* out = y + oy * s.ow + ox;
      if (s.ow - ox >= 16) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), bytes);
      } else {
        alignas(16) Y tail[16];
        _mm_store_si128(reinterpret_cast<__m128i*>(tail), bytes);
        std::memcpy(out, tail, static_cast<size_t>(s.ow - ox));
      }
    }
  }
}

// Channels [begin, end) of images x channels.
template <typename X, typename W, typename Y>
void qdw_run(const QdwShape& s, int64_t channels, const portable::QconvOperands& ops, int64_t begin, int64_t end) {
  alignas(32) X plane[kDwPlaneBytes];
  alignas(32) X row[2 * kDwMaxRowWidth];
  __m256i weight_pairs[kDwMaxTaps / 2];
  const int64_t taps = s.kh * s.kw, pairs = (taps + 1) / 2;
  const portable::Requantization& q = ops.requant;
  const OutputRange range = OutputRange::broadcast(q.zero_point, q.lo, q.hi);
  for (int64_t index = begin; index < end; ++index) {
    const int64_t c = index % channels;
    const W* w = ops.w->as<W>() + c * taps;
    const int32_t w_zero_point = ops.w_zero_point_of(c);
    uint32_t weight_sum = 0;
    for (int64_t p = 0; p < pairs; ++p) {
      const int32_t w0 = int32_t{w[2 * p]} - w_zero_point;
      const int32_t w1 = 2 * p + 1 < taps ? int32_t{w[2 * p + 1]} - w_zero_point : 0;
      weight_sum += static_cast<uint32_t>(w0 + w1);
      weight_pairs[p] = _mm256_set1_epi32(static_cast<int32_t>((static_cast<uint32_t>(w1) << 16) | (static_cast<uint32_t>(w0) & 0xFFFFu)));
    }
    const uint32_t bias = ops.bias != nullptr ? static_cast<uint32_t>(ops.bias->as<int32_t>()[c]) : 0u;
    const int32_t folded = static_cast<int32_t>(bias - static_cast<uint32_t>(ops.x_zero_point) * weight_sum);
    const size_t i = q.multiplier.size == 1 ? 0 : static_cast<size_t>(c);
    const RowRequant requant = RowRequant::of(static_cast<int32_t>(q.multiplier[i]), static_cast<int32_t>(q.shift[i]));
    pad_plane(s, ops.x->as<X>() + index * s.h * s.w, static_cast<X>(ops.x_zero_point), plane, row);
    qdw_channel(s, plane, weight_pairs, pairs, folded, requant, range, ops.y->as<Y>() + index * s.oh * s.ow);
  }
}

// Y: the output's type, uint8_t or int8_t (the variant's dtype).
template <typename Y>
Error qconv_depthwise_avx2(KernelContext& ctx) {
  portable::QconvOperands ops{};
  portable::Window window;
  int64_t group = 1;
  const DType y_dtype = std::is_signed_v<Y> ? DType::i8 : DType::u8;
  if (Error e = portable::read_qconv_2d(ctx, y_dtype, &ops, &window, &group); e != Error::ok) return e;
  const Tensor &x = *ops.x, &w = *ops.w, &y = *ops.y;
  if (group != x.dims[1] || w.dims[0] != group) return ctx.fail("expects a depthwise convolution");
  if (window.strides[0] != window.strides[1] || window.dilations[0] != 1 || window.dilations[1] != 1) {
    return ctx.fail("expects equal strides and no dilation");
  }
  const QdwShape s{x.dims[2], x.dims[3], y.dims[2], y.dims[3], w.dims[2], w.dims[3], window.strides[0], window.pad_begin(0),
                   window.pad_begin(1)};
  if (!qdw_fits(s)) return ctx.fail("expects strides 1 or 2, at most %lld taps and a plane within the stack buffer", static_cast<long long>(kDwMaxTaps));
  if (y.numel == 0) return Error::ok;
  auto run = [&](auto x_type, auto w_type) {
    using X = decltype(x_type);
    using W = decltype(w_type);
    ctx.parallel_for(x.dims[0] * group, [&](int64_t begin, int64_t end) { qdw_run<X, W, Y>(s, group, ops, begin, end); });
  };
  if (x.dtype == DType::u8) {
    if (w.dtype == DType::u8) run(uint8_t{}, uint8_t{}); else run(uint8_t{}, int8_t{});
  } else {
    if (w.dtype == DType::u8) run(int8_t{}, uint8_t{}); else run(int8_t{}, int8_t{});
  }
  return Error::ok;
}

}  // namespace ingot::rt::x86
