// The channel-interleaved depthwise qconv (../simd/qconv_depthwise_
// interleaved.h) on AVX2: one output position of 16 channels is two vectors
// of i32 sums. Taps go in pairs along a row, (kx, kx + 1), on vpmaddwd
// (exact: x in [-128, 255] and w' in [-255, 255], a pair's sum within i32):
// the buffer's positions become entries holding each position's inputs
// interleaved as i16 with its right neighbour's (vpunpck{l,h}wd, once per
// input position rather than once per tap and output), so that a pair of
// taps is one vpmaddwd per 8 channels straight from the entry; a row's odd
// last tap takes the entry with a weight of 0 for the neighbour. The unpacks
// split the channels into lanes 0-3 | 8-11 ("lo") and 4-7 | 12-15 ("hi");
// weights, bias and requantization are laid out in that order, and
// vpackssdw puts the channels back in order.
// Include only from files built with -mavx2.
#pragma once

#include <immintrin.h>

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "kernels/simd/qconv_depthwise_interleaved.h"
#include "kernels/simd/transpose_16x16_bytes.h"
#include "kernels/x86/requantize_avx2.h"

namespace ingot::rt::x86 {

// The byte interleaves of simd::transpose_16x16_bytes.
struct ZipSse {
  using Bytes = __m128i;
  template <int kWidth, bool kHigh>
  static __m128i zip(__m128i a, __m128i b) {
    if constexpr (kWidth == 1) return kHigh ? _mm_unpackhi_epi8(a, b) : _mm_unpacklo_epi8(a, b);
    if constexpr (kWidth == 2) return kHigh ? _mm_unpackhi_epi16(a, b) : _mm_unpacklo_epi16(a, b);
    if constexpr (kWidth == 4) return kHigh ? _mm_unpackhi_epi32(a, b) : _mm_unpacklo_epi32(a, b);
    if constexpr (kWidth == 8) return kHigh ? _mm_unpackhi_epi64(a, b) : _mm_unpacklo_epi64(a, b);
  }
};

struct QdwiAvx2 {
  static constexpr int64_t L = simd::kQdwiLanes;

  // Channel of lane l (0..7) of a "lo" vector; its "hi" vector has it + 4.
  static constexpr int64_t lo_channel(int64_t l) { return l < 4 ? l : l + 4; }

  static constexpr int64_t kEntry = 2 * L;  // i16 per position: the lo then the hi vector

  // entries[p] for positions p in [0, count) of `positions` (readable to
  // count), every step-th: each position's 16 inputs paired with the next
  // position's.
  static void entries(const int16_t* positions, int64_t count, int64_t step, int16_t* entries) {
    for (int64_t p = 0; p < count; p += step) {
      const __m256i a = _mm256_load_si256(reinterpret_cast<const __m256i*>(positions + p * L));
      const __m256i b = _mm256_load_si256(reinterpret_cast<const __m256i*>(positions + (p + 1) * L));
      _mm256_store_si256(reinterpret_cast<__m256i*>(entries + p * kEntry), _mm256_unpacklo_epi16(a, b));
      _mm256_store_si256(reinterpret_cast<__m256i*>(entries + p * kEntry + L), _mm256_unpackhi_epi16(a, b));
    }
  }

  // A block's constants in registers, in the lo / hi lane orders.
  template <int kK>
  struct Taps {
    static constexpr int kPairs = (kK + 1) / 2;  // per row of taps
    __m256i lo[kK][kPairs], hi[kK][kPairs];     // taps kx and kx + 1 of a channel as the i16 halves of its i32
    __m256i bias_lo, bias_hi;
    LaneRequant requant_lo, requant_hi;
    __m256i zero_point, lo_bytes, hi_bytes;  // y_zero_point as i16, y_min and y_max as bytes

    Taps(const simd::QdwiParams& p, const portable::Requantization& q) {
      alignas(32) int32_t v[6][8];
      for (int ky = 0; ky < kK; ++ky) {
        for (int pair = 0; pair < kPairs; ++pair) {
          const int kx = 2 * pair;
          for (int64_t l = 0; l < 8; ++l) {
            for (int64_t h = 0; h < 2; ++h) {
              const int64_t c = lo_channel(l) + 4 * h;
              const uint32_t w1 = kx + 1 < kK ? static_cast<uint16_t>(p.taps[ky * kK + kx + 1][c]) : 0u;
              v[h][l] = static_cast<int32_t>((w1 << 16) | static_cast<uint16_t>(p.taps[ky * kK + kx][c]));
            }
          }
          lo[ky][pair] = _mm256_load_si256(reinterpret_cast<const __m256i*>(v[0]));
          hi[ky][pair] = _mm256_load_si256(reinterpret_cast<const __m256i*>(v[1]));
        }
      }
      for (int64_t l = 0; l < 8; ++l) {
        for (int64_t h = 0; h < 2; ++h) {
          const int64_t c = lo_channel(l) + 4 * h;
          v[h][l] = p.bias[c];
          v[2 + h][l] = p.multiplier[c];
          v[4 + h][l] = p.shift[c];
        }
      }
      bias_lo = _mm256_load_si256(reinterpret_cast<const __m256i*>(v[0]));
      bias_hi = _mm256_load_si256(reinterpret_cast<const __m256i*>(v[1]));
      requant_lo = LaneRequant::load(v[2], v[4]);
      requant_hi = LaneRequant::load(v[3], v[5]);
      zero_point = _mm256_set1_epi16(static_cast<int16_t>(q.zero_point));
      lo_bytes = _mm256_set1_epi8(static_cast<char>(q.lo));
      hi_bytes = _mm256_set1_epi8(static_cast<char>(q.hi));
    }

    // The requantized outputs of the position whose top-left entry is at
    // `at` (rows `row` i16 apart), plus the zero point, as 16 i16 in channel
    // order, saturated: Requantization::apply's offset and clamp happen on
    // the bytes (outputs).
    __m256i position(const int16_t* at, int64_t row) const {
      __m256i acc_lo = bias_lo, acc_hi = bias_hi;
#pragma GCC unroll 5
      for (int ky = 0; ky < kK; ++ky) {
#pragma GCC unroll 3
        for (int pair = 0; pair < kPairs; ++pair) {
          const int16_t* e = at + ky * row + 2 * pair * kEntry;
          acc_lo = _mm256_add_epi32(acc_lo, _mm256_madd_epi16(_mm256_load_si256(reinterpret_cast<const __m256i*>(e)), lo[ky][pair]));
          acc_hi = _mm256_add_epi32(acc_hi, _mm256_madd_epi16(_mm256_load_si256(reinterpret_cast<const __m256i*>(e + L)), hi[ky][pair]));
        }
      }
      return _mm256_adds_epi16(_mm256_packs_epi32(requant_lo.apply(acc_lo), requant_hi.apply(acc_hi)), zero_point);
    }
  };

  // dst[i] = the 16 channels of position i as i16, from src[j] = 16
  // positions of channel j.
  template <typename X>
  static void load_positions(const X* const src[L], int16_t* const dst[L]) {
    __m128i rows[L];
#pragma GCC unroll 16
    for (int64_t j = 0; j < L; ++j) rows[j] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src[j]));
    simd::transpose_16x16_bytes<ZipSse>(rows);
#pragma GCC unroll 16
    for (int64_t i = 0; i < L; ++i) {
      const __m256i v = std::is_signed_v<X> ? _mm256_cvtepi8_epi16(rows[i]) : _mm256_cvtepu8_epi16(rows[i]);
      _mm256_store_si256(reinterpret_cast<__m256i*>(dst[i]), v);
    }
  }

  // tile[16 g + c] = the output of channel c at the position whose inputs
  // start at at[g], for g < n (and on AVX2 n rounded up to even). Saturating the requantized value to i16, adding the zero
  // point with i16 saturation and narrowing with saturation to Y's range
  // moves every value outside that range to the bound of its side, as the
  // reference's exact sum does; [y_min, y_max] lies inside it, so the clamp
  // to it on the bytes gives the reference's values.
  template <int kK, typename Y>
  static void outputs(const Taps<kK>& taps, const int16_t* const at[L], int64_t row, int64_t n, uint8_t* tile) {
    for (int64_t g = 0; g < n; g += 2) {
      const __m256i a = taps.position(at[g], row), b = taps.position(at[g + 1], row);
      // Per 128-bit half: channels 0-7 (then 8-15) of a, then of b.
      __m256i bytes;
      if constexpr (std::is_signed_v<Y>) {
        bytes = _mm256_min_epi8(_mm256_max_epi8(_mm256_packs_epi16(a, b), taps.lo_bytes), taps.hi_bytes);
      } else {
        bytes = _mm256_min_epu8(_mm256_max_epu8(_mm256_packus_epi16(a, b), taps.lo_bytes), taps.hi_bytes);
      }
      _mm256_store_si256(reinterpret_cast<__m256i*>(tile + g * L), _mm256_permute4x64_epi64(bytes, 0xD8));
    }
  }

  // Positions [0, n) of channels [0, channels) from the tile into y (plane
  // `plane` values apart).
  template <typename Y>
  static void store_positions(const uint8_t* tile, int64_t n, int64_t channels, Y* y, int64_t plane) {
    __m128i rows[L];
#pragma GCC unroll 16
    for (int64_t i = 0; i < L; ++i) rows[i] = _mm_load_si128(reinterpret_cast<const __m128i*>(tile + i * L));
    simd::transpose_16x16_bytes<ZipSse>(rows);
    for (int64_t j = 0; j < channels; ++j) {
      if (n == L) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(y + j * plane), rows[j]);
      } else {
        std::memcpy(y + j * plane, &rows[j], static_cast<size_t>(n));
      }
    }
  }
};

template <typename Y>
Error qconv_depthwise_interleaved_avx2(KernelContext& ctx) { return simd::qconv_depthwise_interleaved<QdwiAvx2, Y>(ctx); }

}  // namespace ingot::rt::x86
