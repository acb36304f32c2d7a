// qmatmul.rows on AVX2 (../simd/qmatmul_rows.h): each row of a against 16
// columns of b at a time, K in pairs on vpmaddwd (exact, as qgemm_avx2.h
// says), the b rows of a pair centred and interleaved in registers,
// per-column zero points, bias and requantization as vectors (or the raw
// i32 sums for an i32 output). Bit for bit the reference kernel.
// Include only from files built with -mavx2.
#pragma once

#include <immintrin.h>

#include <cstdint>
#include <type_traits>

#include "kernels/simd/qmatmul_rows.h"
#include "kernels/x86/qgemm_avx2.h"
#include "kernels/x86/requantize_avx2.h"

namespace ingot::rt::x86 {

using simd::QmatmulRows;

struct QmatmulBlockAvx2 {
  static constexpr int64_t kCols = 16;

  // y[i, j0 .. j0 + 16) of row i.
  template <typename A, typename B, typename Y>
  static void run(const QmatmulRows& q, int64_t i, int64_t j0) {
    const A* a = q.a->as<A>() + i * q.k;
    const B* b = q.b->as<B>() + j0;
    alignas(32) int16_t zero_points[16];
    alignas(32) int32_t multipliers[16], shifts[16], biases[16];
    const bool per_column = q.requant.multiplier.size != 1;
    for (int64_t j = 0; j < 16; ++j) {
      zero_points[j] = static_cast<int16_t>(q.b_zero_point_of(j0 + j));
      if (q.requant.enabled) {
        multipliers[j] = static_cast<int32_t>(q.requant.multiplier[per_column ? static_cast<size_t>(j0 + j) : 0]);
        shifts[j] = static_cast<int32_t>(q.requant.shift[per_column ? static_cast<size_t>(j0 + j) : 0]);
      }
      biases[j] = q.bias != nullptr ? q.bias->as<int32_t>()[j0 + j] : 0;
    }
    const __m256i zp = _mm256_load_si256(reinterpret_cast<const __m256i*>(zero_points));
    __m256i lo = _mm256_setzero_si256(), hi = _mm256_setzero_si256();
    for (int64_t p = 0; 2 * p < q.k; ++p) {
      const int64_t k0 = 2 * p;
      const int32_t a0 = int32_t{a[k0]} - q.a_zero_point;
      const int32_t a1 = k0 + 1 < q.k ? int32_t{a[k0 + 1]} - q.a_zero_point : 0;
      const __m256i pair = _mm256_set1_epi32(static_cast<int32_t>((static_cast<uint32_t>(a1) << 16) | (static_cast<uint32_t>(a0) & 0xFFFFu)));
      const __m256i r0 = _mm256_sub_epi16(widen_16(b + k0 * q.n), zp);
      const __m256i r1 = k0 + 1 < q.k ? _mm256_sub_epi16(widen_16(b + (k0 + 1) * q.n), zp) : _mm256_setzero_si256();
      lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(r0, r1), pair));  // columns 0-3 | 8-11
      hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(r0, r1), pair));  // columns 4-7 | 12-15
    }
    __m256i v[2] = {_mm256_permute2x128_si256(lo, hi, 0x20), _mm256_permute2x128_si256(lo, hi, 0x31)};
    if constexpr (std::is_same_v<Y, int32_t>) {  // the raw sums (int8-dynamic's products)
      for (int h = 0; h < 2; ++h) {
        const __m256i bias = _mm256_load_si256(reinterpret_cast<const __m256i*>(biases + 8 * h));
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(q.y->as<int32_t>() + i * q.n + j0 + 8 * h), _mm256_add_epi32(v[h], bias));
      }
      return;
    }
    const OutputRange range = OutputRange::broadcast(q.requant.zero_point, q.requant.lo, q.requant.hi);
    for (int h = 0; h < 2; ++h) {
      const RequantLanes lanes = RequantLanes::load(multipliers + 8 * h, shifts + 8 * h);
      const __m256i bias = _mm256_load_si256(reinterpret_cast<const __m256i*>(biases + 8 * h));
      v[h] = range.apply(multiply_by_quantized_multiplier(_mm256_add_epi32(v[h], bias), lanes));
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(q.y->as<Y>() + i * q.n + j0), narrow_16<std::is_signed_v<Y>>(v[0], v[1]));
  }
};

template <typename Y>
Error qmatmul_rows_avx2(KernelContext& ctx) { return simd::qmatmul_rows<QmatmulBlockAvx2, Y>(ctx); }

}  // namespace ingot::rt::x86
