// NEON vector traits for the SIMD kernel templates (kernels/simd/): 4 f32
// lanes, ARMv8-A (AArch64, where Advanced SIMD is always present). NEON has
// no masked loads or stores: a partial vector goes through a small stack
// buffer, so a tail never reads or writes past its last element.
#pragma once

#include <arm_neon.h>

#include <cstdint>

#include "kernels/simd/binary_op.h"
#include "kernels/simd/pack_f32.h"

namespace ingot::rt::arm {

struct Neon {
  using Vec = float32x4_t;
  using Mask = int64_t;  // how many leading lanes are live, in [0, 4]
  static constexpr int64_t kLanes = 4;
  // gemm: an 8 x 8 tile = 16 accumulators, plus two columns of B and the
  // broadcast of A, of 32 registers.
  static constexpr int kRows = 8;

  static Vec zero() { return vdupq_n_f32(0.0f); }
  static Vec set1(float x) { return vdupq_n_f32(x); }
  static Vec load(const float* p) { return vld1q_f32(p); }
  static void store(float* p, Vec v) { vst1q_f32(p, v); }
  // Lanes [0, n) live (n clamped to [0, 4]).
  static Mask mask(int64_t n) { return n < 0 ? 0 : n > kLanes ? kLanes : n; }
  static Vec load(const float* p, Mask m) {
    if (m == kLanes) return vld1q_f32(p);
    float lanes[kLanes] = {0.0f, 0.0f, 0.0f, 0.0f};
    for (int64_t i = 0; i < m; ++i) lanes[i] = p[i];
    return vld1q_f32(lanes);
  }
  static void store(float* p, Vec v, Mask m) {
    if (m == kLanes) return vst1q_f32(p, v);
    float lanes[kLanes];
    vst1q_f32(lanes, v);
    for (int64_t i = 0; i < m; ++i) p[i] = lanes[i];
  }
  // p[0], p[2], p[4], p[6]: two loads, the even lanes of both.
  static Vec load_even(const float* p) { return vuzp1q_f32(vld1q_f32(p), vld1q_f32(p + 4)); }
  static Vec fmadd(Vec a, Vec b, Vec c) { return vfmaq_f32(c, a, b); }
  static Vec add(Vec a, Vec b) { return vaddq_f32(a, b); }
  static Vec sub(Vec a, Vec b) { return vsubq_f32(a, b); }
  static Vec mul(Vec a, Vec b) { return vmulq_f32(a, b); }
  static Vec div(Vec a, Vec b) { return vdivq_f32(a, b); }
  // The larger of a and b; NaN in either wins (a's first), as the portable
  // max_pool has it, and as the x86 traits select: b unless a > b, then a
  // wherever a is NaN.
  static Vec max(Vec a, Vec b) {
    const Vec m = vbslq_f32(vcgtq_f32(a, b), a, b);
    return vbslq_f32(vceqq_f32(a, a), m, a);
  }
  // The sum and the maximum (NaN wins) of the lanes. The sum adds pairwise,
  // in another order than the x86 traits: callers compare within tolerance.
  static float hsum(Vec v) { return vaddvq_f32(v); }
  static float hmax(Vec v) {
    float lanes[kLanes];
    vst1q_f32(lanes, v);
    float m = lanes[0];
    for (int i = 1; i < kLanes; ++i) m = m != m ? m : (lanes[i] != lanes[i] || lanes[i] > m ? lanes[i] : m);
    return m;
  }
  // For simd::exp (exp_f32.h).
  static Vec round(Vec x) { return vrndnq_f32(x); }
  static Vec fnmadd(Vec a, Vec b, Vec c) { return vfmsq_f32(c, a, b); }
  static Vec ldexp(Vec p, Vec n) {
    const int32x4_t ni = vcvtnq_s32_f32(n);  // NaN gives 0: p is NaN already
    const int32x4_t n1 = vshrq_n_s32(ni, 1), n2 = vsubq_s32(ni, n1);
    const int32x4_t bias = vdupq_n_s32(127);
    const Vec s1 = vreinterpretq_f32_s32(vshlq_n_s32(vaddq_s32(n1, bias), 23));
    const Vec s2 = vreinterpretq_f32_s32(vshlq_n_s32(vaddq_s32(n2, bias), 23));
    return vmulq_f32(vmulq_f32(p, s1), s2);
  }

  template <simd::BinaryOp kOp>
  static Vec op(Vec a, Vec b) {
    if constexpr (kOp == simd::BinaryOp::add) return vaddq_f32(a, b);
    if constexpr (kOp == simd::BinaryOp::sub) return vsubq_f32(a, b);
    if constexpr (kOp == simd::BinaryOp::mul) return vmulq_f32(a, b);
    return vdivq_f32(a, b);
  }
  // Like the portable clip: x < lo gives lo, hi < x gives hi, NaN passes.
  // Selects on ordered comparisons: vmaxnmq would turn NaN into the bound,
  // and vmaxq turns -0.0 into +0.0 against a bound of 0 (relu).
  static Vec clamp(Vec x, Vec lo, Vec hi) {
    x = vbslq_f32(vcltq_f32(x, lo), lo, x);
    return vbslq_f32(vcltq_f32(hi, x), hi, x);
  }
  // rows[i][j] becomes rows[j][i]: a 4 x 4 block, pairs of lanes then pairs of halves.
  static void transpose(Vec (&rows)[4]) {
    const Vec t0 = vtrn1q_f32(rows[0], rows[1]), t1 = vtrn2q_f32(rows[0], rows[1]);
    const Vec t2 = vtrn1q_f32(rows[2], rows[3]), t3 = vtrn2q_f32(rows[2], rows[3]);
    auto d = [](Vec v) { return vreinterpretq_f64_f32(v); };
    rows[0] = vreinterpretq_f32_f64(vtrn1q_f64(d(t0), d(t2)));
    rows[1] = vreinterpretq_f32_f64(vtrn1q_f64(d(t1), d(t3)));
    rows[2] = vreinterpretq_f32_f64(vtrn2q_f64(d(t0), d(t2)));
    rows[3] = vreinterpretq_f32_f64(vtrn2q_f64(d(t1), d(t3)));
  }
};

// The compiler packs weights for this ISA with packed_rows and packed_cols (pack_f32.h).
static_assert(Neon::kRows == simd::packed_rows("neon") && 2 * Neon::kLanes == simd::packed_cols("neon"));

}  // namespace ingot::rt::arm
