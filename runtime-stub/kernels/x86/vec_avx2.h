// AVX2 + FMA vector traits for the x86 kernel templates (binary_f32.h,
// gemm_f32.h): 8 f32 lanes. Include only from files built with -mavx2 -mfma.
#pragma once

#include <immintrin.h>

#include <cstdint>

#include "kernels/simd/binary_op.h"
#include "kernels/simd/pack_f32.h"

namespace ingot::rt::x86 {

struct Avx2 {
  using Vec = __m256;
  using Mask = __m256i;
  static constexpr int64_t kLanes = 8;
  static constexpr int kRows = 6;  // gemm: 6 x 16 tile = 12 accumulators of 16 registers

  static Vec zero() { return _mm256_setzero_ps(); }
  static Vec set1(float x) { return _mm256_set1_ps(x); }
  static Vec load(const float* p) { return _mm256_loadu_ps(p); }
  static void store(float* p, Vec v) { _mm256_storeu_ps(p, v); }
  // Lanes [0, n) set (n clamped to [0, 8]).
  static Mask mask(int64_t n) {
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n)), lane);
  }
  static Vec load(const float* p, Mask m) { return _mm256_maskload_ps(p, m); }
  static void store(float* p, Vec v, Mask m) { _mm256_maskstore_ps(p, m, v); }
  // p[0], p[2], ..., p[14]: two loads, the even lanes of each, in order.
  static Vec load_even(const float* p) {
    const Vec evens = _mm256_shuffle_ps(_mm256_loadu_ps(p), _mm256_loadu_ps(p + 8), 0x88);  // a0 a2 b0 b2 | a4 a6 b4 b6
    return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(evens), 0xD8));     // a0 a2 a4 a6 b0 b2 b4 b6
  }
  static Vec fmadd(Vec a, Vec b, Vec c) { return _mm256_fmadd_ps(a, b, c); }
  static Vec add(Vec a, Vec b) { return _mm256_add_ps(a, b); }
  static Vec sub(Vec a, Vec b) { return _mm256_sub_ps(a, b); }
  static Vec mul(Vec a, Vec b) { return _mm256_mul_ps(a, b); }
  static Vec div(Vec a, Vec b) { return _mm256_div_ps(a, b); }
  // The larger of a and b; NaN in either wins (a's first), as the portable max_pool has it.
  static Vec max(Vec a, Vec b) {
    const Vec m = _mm256_max_ps(a, b);  // b when either is NaN
    return _mm256_blendv_ps(m, a, _mm256_cmp_ps(a, a, _CMP_UNORD_Q));
  }
  // The sum and the maximum (NaN wins) of the lanes.
  static float hsum(Vec v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_add_ss(s, _mm_movehdup_ps(s)));
  }
  static float hmax(Vec v) {
    alignas(32) float lanes[8];
    _mm256_store_ps(lanes, v);
    float m = lanes[0];
    for (int i = 1; i < 8; ++i) m = m != m ? m : (lanes[i] != lanes[i] || lanes[i] > m ? lanes[i] : m);
    return m;
  }
  // For simd::exp (exp_f32.h).
  static Vec round(Vec x) { return _mm256_round_ps(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  static Vec fnmadd(Vec a, Vec b, Vec c) { return _mm256_fnmadd_ps(a, b, c); }
  static Vec ldexp(Vec p, Vec n) {
    const __m256i ni = _mm256_cvtps_epi32(n);  // NaN gives INT_MIN: p is NaN already
    const __m256i n1 = _mm256_srai_epi32(ni, 1), n2 = _mm256_sub_epi32(ni, n1);
    const __m256i bias = _mm256_set1_epi32(127);
    const Vec s1 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n1, bias), 23));
    const Vec s2 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n2, bias), 23));
    return _mm256_mul_ps(_mm256_mul_ps(p, s1), s2);
  }

  template <simd::BinaryOp kOp>
  static Vec op(Vec a, Vec b) {
    if constexpr (kOp == simd::BinaryOp::add) return _mm256_add_ps(a, b);
    if constexpr (kOp == simd::BinaryOp::sub) return _mm256_sub_ps(a, b);
    if constexpr (kOp == simd::BinaryOp::mul) return _mm256_mul_ps(a, b);
    return _mm256_div_ps(a, b);
  }
  // Like the portable clip: x < lo gives lo, hi < x gives hi, NaN passes.
  // max_ps and min_ps return their second operand when either is NaN, so x
  // goes second; two instructions where compare-and-blend took four (the
  // GEMM tile's epilogue clamps 12 registers on the FMA ports).
  static Vec clamp(Vec x, Vec lo, Vec hi) { return _mm256_min_ps(hi, _mm256_max_ps(lo, x)); }
  // rows[i][j] becomes rows[j][i]: an 8 x 8 block in registers, pairs of
  // rows interleaved, then quads, then the 128-bit halves (24 shuffles).
  static void transpose(Vec (&rows)[8]) {
    Vec t[8], u[8];
    for (int i = 0; i < 4; ++i) {
      t[2 * i] = _mm256_unpacklo_ps(rows[2 * i], rows[2 * i + 1]);
      t[2 * i + 1] = _mm256_unpackhi_ps(rows[2 * i], rows[2 * i + 1]);
    }
    // u[4i + m], 128-bit half k: column 4k + m of rows 4i .. 4i + 3.
    for (int i = 0; i < 2; ++i) {
      u[4 * i] = _mm256_shuffle_ps(t[4 * i], t[4 * i + 2], 0x44);
      u[4 * i + 1] = _mm256_shuffle_ps(t[4 * i], t[4 * i + 2], 0xEE);
      u[4 * i + 2] = _mm256_shuffle_ps(t[4 * i + 1], t[4 * i + 3], 0x44);
      u[4 * i + 3] = _mm256_shuffle_ps(t[4 * i + 1], t[4 * i + 3], 0xEE);
    }
    for (int m = 0; m < 4; ++m) {
      rows[m] = _mm256_permute2f128_ps(u[m], u[4 + m], 0x20);
      rows[4 + m] = _mm256_permute2f128_ps(u[m], u[4 + m], 0x31);
    }
  }
};

// The compiler packs weights for this ISA with packed_rows and packed_cols (pack_f32.h).
static_assert(Avx2::kRows == simd::packed_rows("avx2") && 2 * Avx2::kLanes == simd::packed_cols("avx2"));

}  // namespace ingot::rt::x86
