// The fixed-point requantization of kernels/portable/requantize.h on four
// i32 lanes of NEON, bit for bit (the AVX2 twin is
// ../x86/requantize_avx2.h): each step computes, per lane, what the scalar
// function of the same name computes, so that the NEON int8 kernels give
// exactly the reference kernels' outputs. One (multiplier, shift) for all
// lanes, as a row of a GEMM tile has it, or one per lane (per-column
// requantization along the vector).
#pragma once

#include <arm_neon.h>

#include <cstdint>

namespace ingot::rt::arm {

struct RowRequant {
  int32x4_t multiplier;
  int32x4_t left;            // max(shift, 0)
  int32x4_t right_negated;   // -max(-shift, 0): vshlq by it is an arithmetic right shift
  int32x4_t mask, half_mask;  // 2^right - 1, (2^right - 1) >> 1

  static RowRequant of(int32_t multiplier, int32_t shift) {
    const int32_t l = shift > 0 ? shift : 0, r = shift > 0 ? 0 : -shift;
    const uint32_t mask = (uint32_t{1} << r) - 1u;  // r <= 31
    return {vdupq_n_s32(multiplier), vdupq_n_s32(l), vdupq_n_s32(-r), vdupq_n_s32(static_cast<int32_t>(mask)),
            vdupq_n_s32(static_cast<int32_t>(mask >> 1))};
  }

  // Lane i takes (multiplier[i], shift[i]) of four i32 each.
  static RowRequant lanes(const int32_t* multiplier, const int32_t* shift) {
    const int32x4_t s = vld1q_s32(shift), zero = vdupq_n_s32(0);
    const int32x4_t r = vmaxq_s32(vnegq_s32(s), zero);  // shift >= -31: no overflow
    const int32x4_t mask = vsubq_s32(vshlq_s32(vdupq_n_s32(1), r), vdupq_n_s32(1));  // 2^31 - 1 for r = 31 (wraps right)
    return {vld1q_s32(multiplier), vmaxq_s32(s, zero), vnegq_s32(r), mask, vshrq_n_s32(mask, 1)};
  }

  // multiply_by_quantized_multiplier of requantize.h:
  //   1. SQSHL saturates the left shift (left in [0, 30]) to i32, as
  //      saturate_i32 does;
  //   2. SQRDMULH is rounding_doubling_high_mul itself: the doubled product's
  //      high half rounded to nearest with ties upward, the one overflow
  //      (-2^31 * -2^31) saturated;
  //   3. rounding_divide_by_pot: the floor (arithmetic shift) plus one where
  //      the remainder passes half, strictly for negative x (a tie rounds
  //      away from zero). NEON's own rounding shift (SRSHL) rounds ties
  //      upward, so it is not used.
  int32x4_t apply(int32x4_t x) const {
    const int32x4_t high = vqrdmulhq_s32(vqshlq_s32(x, left), multiplier);
    const int32x4_t remainder = vandq_s32(high, mask);
    const int32x4_t negative = vreinterpretq_s32_u32(vcltzq_s32(high));  // -1 where high < 0
    const int32x4_t threshold = vsubq_s32(half_mask, negative);
    const int32x4_t up = vreinterpretq_s32_u32(vcgtq_s32(remainder, threshold));  // -1 where it rounds up
    return vsubq_s32(vshlq_s32(high, right_negated), up);
  }
};

// Requantization::apply's last steps: offset by the zero point and clamped to
// [lo, hi]. As on AVX2 the clamp comes first, to [lo - zero_point, hi -
// zero_point], so that a requantized value near the i32 bounds cannot wrap
// when offset (the same result as the reference's i64 sum).
struct OutputRange {
  int32x4_t zero_point, lo, hi;  // lo and hi less the zero point

  static OutputRange of(int32_t zero_point, int32_t lo, int32_t hi) {
    return {vdupq_n_s32(zero_point), vdupq_n_s32(lo - zero_point), vdupq_n_s32(hi - zero_point)};
  }
  int32x4_t apply(int32x4_t requantized) const {
    return vaddq_s32(vminq_s32(vmaxq_s32(requantized, lo), hi), zero_point);
  }
};

// Eight i32 lanes already inside the 8-bit range (a: the first four),
// narrowed to eight bytes in order: i8 when Signed, else u8 (the saturating
// narrows never saturate here; they only narrow).
template <bool Signed>
inline uint8x8_t narrow_8(int32x4_t a, int32x4_t b) {
  const int16x8_t words = vcombine_s16(vqmovn_s32(a), vqmovn_s32(b));
  return Signed ? vreinterpret_u8_s8(vqmovn_s16(words)) : vqmovun_s16(words);
}

}  // namespace ingot::rt::arm
