// The fixed-point requantization of kernels/portable/requantize.h on eight
// i32 lanes of AVX2, bit for bit: each step below computes, per lane, what
// the scalar function of the same name computes, so that the optimized int8
// kernels give exactly the reference kernels' outputs (a NEON port must do
// the same). Every lane may carry its own multiplier and shift (per-channel
// requantization along the vector); a per-row kernel broadcasts one.
// Include only from files built with -mavx2.
#pragma once

#include <immintrin.h>

#include <cstdint>

namespace ingot::rt::x86 {

// x * 2^left saturated to i32, left in [0, 30]: the shift is undone to see
// whether bits were lost, and where they were the result is the i32 bound of
// x's sign.
inline __m256i saturating_left_shift(__m256i x, __m256i left) {
  const __m256i shifted = _mm256_sllv_epi32(x, left);
  const __m256i lost = _mm256_xor_si256(_mm256_cmpeq_epi32(_mm256_srav_epi32(shifted, left), x), _mm256_set1_epi32(-1));
  const __m256i bound = _mm256_xor_si256(_mm256_srai_epi32(x, 31), _mm256_set1_epi32(INT32_MAX));  // INT32_MIN where x < 0
  return _mm256_blendv_epi8(shifted, bound, lost);
}

// round(a * b / 2^31), ties toward +inf, for b in [0, 2^31) (a requantization
// multiplier: the scalar function's one saturating case, a = b = INT32_MIN,
// cannot occur). _mm256_mul_epi32 multiplies the even lanes into i64; the odd
// lanes are moved down to be multiplied the same way. The quotient fits in
// i32, so its low 32 bits are bits 31..62 of the rounded i64 product, which a
// logical shift yields as well as an arithmetic one (AVX2 has no 64-bit
// arithmetic shift).
inline __m256i rounding_doubling_high_mul(__m256i a, __m256i b) {
  const __m256i half = _mm256_set1_epi64x(int64_t{1} << 30);
  const __m256i even = _mm256_add_epi64(_mm256_mul_epi32(a, b), half);
  const __m256i odd = _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(a, 32), _mm256_srli_epi64(b, 32)), half);
  // even: the quotient in the low half of each 64-bit lane; odd: in the high half.
  return _mm256_blend_epi32(_mm256_srli_epi64(even, 31), _mm256_slli_epi64(odd, 1), 0xAA);
}

// round(x / 2^exponent), ties away from zero, exponent in [0, 31]: the floor
// (arithmetic shift) plus one where the remainder passes half (for negative
// x, strictly passes: a tie rounds down, away from zero).
inline __m256i rounding_divide_by_pot(__m256i x, __m256i exponent) {
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, exponent), one);  // 2^e - 1 (wraps right for e = 31)
  const __m256i remainder = _mm256_and_si256(x, mask);
  const __m256i negative = _mm256_cmpgt_epi32(_mm256_setzero_si256(), x);  // -1 where x < 0
  const __m256i threshold = _mm256_sub_epi32(_mm256_srli_epi32(mask, 1), negative);
  return _mm256_sub_epi32(_mm256_srav_epi32(x, exponent), _mm256_cmpgt_epi32(remainder, threshold));
}

// One requantization per lane: the multiplier, and the shift split into
// its left (max(shift, 0)) and right (max(-shift, 0)) parts, as vectors.
struct RequantLanes {
  __m256i multiplier, left, right;

  // The same (multiplier, shift) in every lane.
  static RequantLanes broadcast(int32_t multiplier, int32_t shift) {
    return {_mm256_set1_epi32(multiplier), _mm256_set1_epi32(shift > 0 ? shift : 0), _mm256_set1_epi32(shift > 0 ? 0 : -shift)};
  }
  // Lane i takes (multiplier[i], shift[i]) of eight i32 each.
  static RequantLanes load(const int32_t* multiplier, const int32_t* shift) {
    const __m256i s = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(shift));
    const __m256i zero = _mm256_setzero_si256();
    return {_mm256_loadu_si256(reinterpret_cast<const __m256i*>(multiplier)), _mm256_max_epi32(s, zero),
            _mm256_max_epi32(_mm256_sub_epi32(zero, s), zero)};
  }
};

// multiply_by_quantized_multiplier of requantize.h, lane by lane.
inline __m256i multiply_by_quantized_multiplier(__m256i x, const RequantLanes& r) {
  return rounding_divide_by_pot(rounding_doubling_high_mul(saturating_left_shift(x, r.left), r.multiplier), r.right);
}

// One (multiplier, shift) for all lanes, as a row of a GEMM tile has it:
// the same steps with what depends on the shift alone worked out once (a
// row's tiles share it), the left shift skipped where it is 0 (a
// multiplier below 1, the usual case), and the multiplier's odd lanes
// needing no move (they equal the even ones).
struct RowRequant {
  __m256i multiplier, mask, half_mask;  // 2^right - 1, (2^right - 1) >> 1
  __m128i left, right;                   // shift counts
  bool shifts_left;

  static RowRequant of(int32_t multiplier, int32_t shift) {
    const int32_t l = shift > 0 ? shift : 0, r = shift > 0 ? 0 : -shift;
    const uint32_t mask = (uint32_t{1} << r) - 1u;
    return {_mm256_set1_epi32(multiplier), _mm256_set1_epi32(static_cast<int32_t>(mask)),
            _mm256_set1_epi32(static_cast<int32_t>(mask >> 1)), _mm_cvtsi32_si128(l), _mm_cvtsi32_si128(r), l > 0};
  }

  // multiply_by_quantized_multiplier, as the three functions above.
  __m256i apply(__m256i x) const {
    if (shifts_left) {
      const __m256i shifted = _mm256_sll_epi32(x, left);
      const __m256i lost = _mm256_xor_si256(_mm256_cmpeq_epi32(_mm256_sra_epi32(shifted, left), x), _mm256_set1_epi32(-1));
      const __m256i bound = _mm256_xor_si256(_mm256_srai_epi32(x, 31), _mm256_set1_epi32(INT32_MAX));
      x = _mm256_blendv_epi8(shifted, bound, lost);
    }
    const __m256i half = _mm256_set1_epi64x(int64_t{1} << 30);
    const __m256i even = _mm256_add_epi64(_mm256_mul_epi32(x, multiplier), half);
    const __m256i odd = _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), multiplier), half);
    const __m256i high = _mm256_blend_epi32(_mm256_srli_epi64(even, 31), _mm256_slli_epi64(odd, 1), 0xAA);
    const __m256i remainder = _mm256_and_si256(high, mask);
    const __m256i threshold = _mm256_sub_epi32(half_mask, _mm256_cmpgt_epi32(_mm256_setzero_si256(), high));
    return _mm256_sub_epi32(_mm256_sra_epi32(high, right), _mm256_cmpgt_epi32(remainder, threshold));
  }
};

// A (multiplier, shift) per lane that many vectors share (the channels of
// a depthwise block, for all its positions): multiply_by_quantized_multiplier
// with what depends on them alone worked out once, as RowRequant does for one
// pair: the odd lanes' multipliers moved down, the rounding's masks, and the
// left shift skipped where no lane shifts left (a multiplier below 1).
struct LaneRequant {
  __m256i multiplier, multiplier_odd, left, right, mask, half_mask;
  bool shifts_left;

  // Lane i takes (multiplier[i], shift[i]) of eight i32 each.
  static LaneRequant load(const int32_t* multiplier, const int32_t* shift) {
    const RequantLanes r = RequantLanes::load(multiplier, shift);
    const __m256i one = _mm256_set1_epi32(1);
    const __m256i mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, r.right), one);
    const bool shifts_left = !_mm256_testz_si256(r.left, r.left);
    return {r.multiplier, _mm256_srli_epi64(r.multiplier, 32), r.left, r.right, mask, _mm256_srli_epi32(mask, 1), shifts_left};
  }

  __m256i apply(__m256i x) const {
    if (shifts_left) x = saturating_left_shift(x, left);
    const __m256i half = _mm256_set1_epi64x(int64_t{1} << 30);
    const __m256i even = _mm256_add_epi64(_mm256_mul_epi32(x, multiplier), half);
    const __m256i odd = _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), multiplier_odd), half);
    const __m256i high = _mm256_blend_epi32(_mm256_srli_epi64(even, 31), _mm256_slli_epi64(odd, 1), 0xAA);
    const __m256i threshold = _mm256_sub_epi32(half_mask, _mm256_cmpgt_epi32(_mm256_setzero_si256(), high));
    return _mm256_sub_epi32(_mm256_srav_epi32(high, right), _mm256_cmpgt_epi32(_mm256_and_si256(high, mask), threshold));
  }
};

// Requantization::apply: requantized, offset by the zero point, clamped to
// [lo, hi]. The reference adds the zero point in i64; here the clamp comes
// first, to [lo - zero_point, hi - zero_point], so that a requantized value
// near the i32 bounds cannot wrap when offset (the same result).
struct OutputRange {
  __m256i zero_point, lo, hi;  // lo and hi less the zero point

  static OutputRange broadcast(int32_t zero_point, int32_t lo, int32_t hi) {
    return {_mm256_set1_epi32(zero_point), _mm256_set1_epi32(lo - zero_point), _mm256_set1_epi32(hi - zero_point)};
  }
  __m256i apply(__m256i requantized) const {
    return _mm256_add_epi32(_mm256_min_epi32(_mm256_max_epi32(requantized, lo), hi), zero_point);
  }
};

// 16 i32 lanes already inside the 8-bit range (a: the first eight, b: the
// next), narrowed to 16 bytes in order. Signed: i8, else u8 (the saturating
// packs never saturate here; they only narrow).
template <bool Signed>
inline __m128i narrow_16(__m256i a, __m256i b) {
  const __m256i words = _mm256_permute4x64_epi64(_mm256_packs_epi32(a, b), 0xD8);  // a0..7 b0..7 as i16
  const __m128i lo = _mm256_castsi256_si128(words), hi = _mm256_extracti128_si256(words, 1);
  return Signed ? _mm_packs_epi16(lo, hi) : _mm_packus_epi16(lo, hi);
}

}  // namespace ingot::rt::x86
