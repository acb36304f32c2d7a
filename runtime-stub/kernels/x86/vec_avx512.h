// AVX-512 F vector traits for the x86 kernel templates (binary_f32.h,
// gemm_f32.h): 16 f32 lanes. Include only from files built with -mavx512f.
#pragma once

#include <immintrin.h>

#include <cstdint>

#include "kernels/simd/binary_op.h"
#include "kernels/simd/pack_f32.h"

namespace ingot::rt::x86 {

struct Avx512 {
  using Vec = __m512;
  using Mask = __mmask16;
  static constexpr int64_t kLanes = 16;
  static constexpr int kRows = 12;  // gemm: 12 x 32 tile = 24 accumulators of 32 registers

  static Vec zero() { return _mm512_setzero_ps(); }
  static Vec set1(float x) { return _mm512_set1_ps(x); }
  static Vec load(const float* p) { return _mm512_loadu_ps(p); }
  static void store(float* p, Vec v) { _mm512_storeu_ps(p, v); }
  // Lanes [0, n) set (n clamped to [0, 16]).
  static Mask mask(int64_t n) {
    return n >= 16 ? Mask(0xFFFF) : n <= 0 ? Mask(0) : static_cast<Mask>((1u << n) - 1);
  }
  static Vec load(const float* p, Mask m) { return _mm512_maskz_loadu_ps(m, p); }
  static void store(float* p, Vec v, Mask m) { _mm512_mask_storeu_ps(p, m, v); }
  // p[0], p[2], ..., p[30]: two loads, the even lanes of both.
  static Vec load_even(const float* p) {
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    return _mm512_permutex2var_ps(_mm512_loadu_ps(p), even, _mm512_loadu_ps(p + 16));
  }
  static Vec fmadd(Vec a, Vec b, Vec c) { return _mm512_fmadd_ps(a, b, c); }
  static Vec add(Vec a, Vec b) { return _mm512_add_ps(a, b); }
  static Vec sub(Vec a, Vec b) { return _mm512_sub_ps(a, b); }
  static Vec mul(Vec a, Vec b) { return _mm512_mul_ps(a, b); }
  static Vec div(Vec a, Vec b) { return _mm512_div_ps(a, b); }
  // The larger of a and b; NaN in either wins (a's first), as the portable max_pool has it.
  static Vec max(Vec a, Vec b) {
    const Vec m = _mm512_max_ps(a, b);  // b when either is NaN
    return _mm512_mask_mov_ps(m, _mm512_cmp_ps_mask(a, a, _CMP_UNORD_Q), a);
  }
  // The sum and the maximum (NaN wins) of the lanes.
  static float hsum(Vec v) { return _mm512_reduce_add_ps(v); }
  static float hmax(Vec v) {
    alignas(64) float lanes[16];
    _mm512_store_ps(lanes, v);
    float m = lanes[0];
    for (int i = 1; i < 16; ++i) m = m != m ? m : (lanes[i] != lanes[i] || lanes[i] > m ? lanes[i] : m);
    return m;
  }
  // For simd::exp (exp_f32.h).
  static Vec round(Vec x) { return _mm512_roundscale_ps(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  static Vec fnmadd(Vec a, Vec b, Vec c) { return _mm512_fnmadd_ps(a, b, c); }
  static Vec ldexp(Vec p, Vec n) {
    const __m512i ni = _mm512_cvtps_epi32(n);  // NaN gives INT_MIN: p is NaN already
    const __m512i n1 = _mm512_srai_epi32(ni, 1), n2 = _mm512_sub_epi32(ni, n1);
    const __m512i bias = _mm512_set1_epi32(127);
    const Vec s1 = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(n1, bias), 23));
    const Vec s2 = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(n2, bias), 23));
    return _mm512_mul_ps(_mm512_mul_ps(p, s1), s2);
  }

  template <simd::BinaryOp kOp>
  static Vec op(Vec a, Vec b) {
    if constexpr (kOp == simd::BinaryOp::add) return _mm512_add_ps(a, b);
    if constexpr (kOp == simd::BinaryOp::sub) return _mm512_sub_ps(a, b);
    if constexpr (kOp == simd::BinaryOp::mul) return _mm512_mul_ps(a, b);
    return _mm512_div_ps(a, b);
  }
  // Masked moves keep x where it is not below lo (NaN passes), as the
  // portable clip does.
  static Vec clamp(Vec x, Vec lo, Vec hi) {
    x = _mm512_mask_mov_ps(x, _mm512_cmp_ps_mask(x, lo, _CMP_LT_OQ), lo);
    return _mm512_mask_mov_ps(x, _mm512_cmp_ps_mask(hi, x, _CMP_LT_OQ), hi);
  }
  // rows[i][j] becomes rows[j][i]: a 16 x 16 block in registers, pairs of
  // rows interleaved, then quads, then 128-bit lanes twice (64 shuffles).
  // The maskz forms with every lane set are the plain instructions; GCC 12
  // warns that the plain intrinsics' undefined pass-through is uninitialized.
  static void transpose(Vec (&rows)[16]) {
    constexpr Mask kAll = 0xFFFF;
    Vec t[16], u[16];
    for (int i = 0; i < 8; ++i) {
      t[2 * i] = _mm512_maskz_unpacklo_ps(kAll, rows[2 * i], rows[2 * i + 1]);
      t[2 * i + 1] = _mm512_maskz_unpackhi_ps(kAll, rows[2 * i], rows[2 * i + 1]);
    }
    // u[4i + m], 128-bit lane k: column 4k + m of rows 4i .. 4i + 3.
    for (int i = 0; i < 4; ++i) {
      u[4 * i] = _mm512_maskz_shuffle_ps(kAll, t[4 * i], t[4 * i + 2], 0x44);
      u[4 * i + 1] = _mm512_maskz_shuffle_ps(kAll, t[4 * i], t[4 * i + 2], 0xEE);
      u[4 * i + 2] = _mm512_maskz_shuffle_ps(kAll, t[4 * i + 1], t[4 * i + 3], 0x44);
      u[4 * i + 3] = _mm512_maskz_shuffle_ps(kAll, t[4 * i + 1], t[4 * i + 3], 0xEE);
    }
    for (int m = 0; m < 4; ++m) {
      const Vec v0 = _mm512_maskz_shuffle_f32x4(kAll, u[m], u[4 + m], 0x88), v1 = _mm512_maskz_shuffle_f32x4(kAll, u[m], u[4 + m], 0xDD);
      const Vec w0 = _mm512_maskz_shuffle_f32x4(kAll, u[8 + m], u[12 + m], 0x88), w1 = _mm512_maskz_shuffle_f32x4(kAll, u[8 + m], u[12 + m], 0xDD);
      rows[m] = _mm512_maskz_shuffle_f32x4(kAll, v0, w0, 0x88);
      rows[4 + m] = _mm512_maskz_shuffle_f32x4(kAll, v1, w1, 0x88);
      rows[8 + m] = _mm512_maskz_shuffle_f32x4(kAll, v0, w0, 0xDD);
      rows[12 + m] = _mm512_maskz_shuffle_f32x4(kAll, v1, w1, 0xDD);
    }
  }
};

// The compiler packs weights for this ISA with packed_rows and packed_cols (pack_f32.h).
static_assert(Avx512::kRows == simd::packed_rows("avx512") && 2 * Avx512::kLanes == simd::packed_cols("avx512"));

}  // namespace ingot::rt::x86
