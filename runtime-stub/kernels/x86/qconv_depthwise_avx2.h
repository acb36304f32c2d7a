// The depthwise qconv (../simd/qconv_depthwise.h) on AVX2: 16 outputs of a
// row at a time. Taps go in pairs: the inputs of two taps interleaved as i16
// against a broadcast pair of centred weights, one vpmaddwd per 8 outputs
// (exact: qgemm_avx2.h says why).
// Include only from files built with -mavx2.
#pragma once

#include <immintrin.h>

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "kernels/simd/qconv_depthwise.h"
#include "kernels/x86/qgemm_avx2.h"

namespace ingot::rt::x86 {

using simd::QdwShape;
using simd::kDwMaxTaps;

struct QdwChannelAvx2 {
  // dst_even[i] = src[2i], dst_odd[i] = src[2i + 1] for 2i < n, 32 inputs
  // at a time (src readable up to n rounded up to 32).
  template <typename X>
  static void split_phases(const X* src, int64_t n, X* dst_even, X* dst_odd) {
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

  // One channel: y[oy, ox] for the whole output plane.
  template <typename X, typename Y>
  static void run(const QdwShape& s, const X* plane, const int32_t* centred, int32_t bias, int32_t multiplier, int32_t shift,
                  const portable::Requantization& q, Y* y) {
    const int64_t width = s.row_width(), taps = s.kh * s.kw, pairs = (taps + 1) / 2;
    // Taps in pairs: two centred weights as the i16 halves of one broadcast i32.
    __m256i weight_pairs[kDwMaxTaps / 2];
    for (int64_t p = 0; p < pairs; ++p) {
      const int32_t w0 = centred[2 * p], w1 = 2 * p + 1 < taps ? centred[2 * p + 1] : 0;
      weight_pairs[p] = _mm256_set1_epi32(static_cast<int32_t>((static_cast<uint32_t>(w1) << 16) | (static_cast<uint32_t>(w0) & 0xFFFFu)));
    }
    const RowRequant requant = RowRequant::of(multiplier, shift);
    const OutputRange range = OutputRange::broadcast(q.zero_point, q.lo, q.hi);
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
};

template <typename Y>
Error qconv_depthwise_avx2(KernelContext& ctx) { return simd::qconv_depthwise<QdwChannelAvx2, Y>(ctx); }

}  // namespace ingot::rt::x86
