// The fast int8 GEMM of the AVX2 qconv.im2col_w7 kernels
// (qconv_im2col_avx2.h): u8 activations x i8 weights whose pairs cannot
// saturate vpmaddubsw (qgemm_w7_pairs.h; 7-bit weights always fit),
// weight zero point 0. vpmaddubsw multiplies 32 byte pairs into 16 exact
// i16 pair sums, vpmaddwd against ones adds those pairs into 8 i32 sums of
// four products: 32 multiply-adds in 3 instructions (vpmaddwd on centred
// i16 pairs, qgemm_avx2.h, does 16 in 2). Both multiplies use the same two
// vector-multiply pipes on Zen 3, so the core's peak is no higher (16 per
// multiply either way); what it saves is the i16 widening and half the
// bytes packed and loaded. bench/kernels/qconv_bench.h, one run on the
// shared 2-core VM (share of the f32 FMA peak, im2col -> im2col_w7):
// resnet18 3x3 128->128 @28 0.64 -> 0.72, 512->512 @7 0.45 -> 0.52, stem
// 7x7/2 0.55 -> 0.54; mobilenet_v2 pw 960->160 @7 0.50 -> 0.65, pw 16->96
// @112 0.27 -> 0.24; grouped 3x3 g=8 0.22 -> 0.31.
//
// The activations go in raw, not centred (vpmaddubsw needs them unsigned):
// sum((x - zx) * w) = sum(x * w) - zx * sum(w), so each row of a panel
// starts its sums at -zx * (its weights' sum over the block), and the
// im2col padding holds zx (it adds zx * w, which the start takes back). In
// i32 with wrap-around, the same sums as the reference's modulo 2^32.
//
// Operands in quads of K: element (k..k + 3) of a row of a, or of a column
// of b, is one i32 holding four bytes (k in the lowest).
//   A panel: [rows][kq] quads, the weights' rows copied (a tail of K past
//            the last full quad padded with 0 weights).
//   B block: [kq][ldb] quads, ldb columns (a multiple of 16).
// A tile is 4 x 16 outputs: 8 accumulators, 2 B vectors, the broadcast
// weights, the ones and a product in 13 of the 16 ymm registers.
// Include only from files built with -mavx2.
#pragma once

#include <immintrin.h>

#include <cstdint>
#include <cstring>

#include "kernels/x86/qgemm_avx2.h"

namespace ingot::rt::x86 {

// One quad of K of u8 activations (b) and 7-bit weights (a).
struct MaddubsQuads {
  static constexpr int kRows = 4;
  static __m256i mac(__m256i acc, __m256i a, __m256i b) {
    const __m256i pairs = _mm256_maddubs_epi16(b, a);  // exact: no pair saturates (qgemm_w7_pairs.h)
    return _mm256_add_epi32(acc, _mm256_madd_epi16(pairs, _mm256_set1_epi16(1)));
  }
};

// dst[q] = w[4q..4q + 3] for 4q < k (the quad past k padded with 0), and
// *start = -x_zero_point * sum(w[0..k)), wrapping as the i32 sums do.
inline void pack_a_quads(const int8_t* w, int64_t k, int32_t x_zero_point, int32_t* dst, int32_t* start) {
  const int64_t full = k / 4 * 4;
  std::memcpy(dst, w, static_cast<size_t>(full));
  int32_t tail = 0;
  std::memcpy(&tail, w + full, static_cast<size_t>(k - full));  // little-endian: k in the lowest byte
  if (k > full) dst[full / 4] = tail;
  // The weights' sum: vpmaddubsw of ones and 32 weights, then pairs of pairs.
  const __m256i ones8 = _mm256_set1_epi8(1), ones16 = _mm256_set1_epi16(1);
  __m256i sums = _mm256_setzero_si256();
  int64_t i = 0;
  for (; i + 32 <= k; i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + i));
    sums = _mm256_add_epi32(sums, _mm256_madd_epi16(_mm256_maddubs_epi16(ones8, v), ones16));
  }
  alignas(32) int32_t lanes[8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), sums);
  uint32_t sum = 0;
  for (int32_t lane : lanes) sum += static_cast<uint32_t>(lane);
  for (; i < k; ++i) sum += static_cast<uint32_t>(int32_t{w[i]});
  *start = static_cast<int32_t>(0u - static_cast<uint32_t>(x_zero_point) * sum);
}

// One quad row of a B block: dst[j] = (r[0][j], r[1][j], r[2][j], r[3][j])
// for j < width (a multiple of 16); a null row reads as zeros (past K: its
// weights are 0).
inline void pack_b_quads(const uint8_t* const r[4], int64_t width, int32_t* dst) {
  alignas(16) static constexpr uint8_t kZeros[16] = {};
  for (int64_t j = 0; j < width; j += 16) {
    __m128i v[4];
    for (int i = 0; i < 4; ++i) v[i] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(r[i] != nullptr ? r[i] + j : kZeros));
    const __m128i lo01 = _mm_unpacklo_epi8(v[0], v[1]), hi01 = _mm_unpackhi_epi8(v[0], v[1]);
    const __m128i lo23 = _mm_unpacklo_epi8(v[2], v[3]), hi23 = _mm_unpackhi_epi8(v[2], v[3]);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + j), _mm_unpacklo_epi16(lo01, lo23));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + j + 4), _mm_unpackhi_epi16(lo01, lo23));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + j + 8), _mm_unpacklo_epi16(hi01, hi23));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + j + 12), _mm_unpackhi_epi16(hi01, hi23));
  }
}

}  // namespace ingot::rt::x86
