// qmatmul.rows on NEON (../simd/qmatmul_rows.h): each row of a against 16
// columns of b at a time. The centred operands (x - zero_point in [-255,
// 255]) are i16, and SMLAL multiplies each b row's 16 columns by the row of
// a's centred element into i32 sums with no rounding or saturation (the
// sums wrap like the reference's); per-column zero points, bias and
// requantization as vectors (requantize_neon.h), or the raw i32 sums for an
// i32 output. Bit for bit the reference kernel.
#pragma once

#include <arm_neon.h>

#include <cstdint>
#include <type_traits>

#include "kernels/arm/requantize_neon.h"
#include "kernels/arm/widen_neon.h"
#include "kernels/simd/qmatmul_rows.h"

namespace ingot::rt::arm {

using simd::QmatmulRows;

struct QmatmulBlockNeon {
  static constexpr int64_t kCols = 16;

  // y[i, j0 .. j0 + 16) of row i.
  template <typename A, typename B, typename Y>
  static void run(const QmatmulRows& q, int64_t i, int64_t j0) {
    const A* a = q.a->as<A>() + i * q.k;
    const B* b = q.b->as<B>() + j0;
    alignas(16) int16_t zero_points[16];
    alignas(16) int32_t multipliers[16], shifts[16], biases[16];
    const bool per_column = q.requant.multiplier.size != 1;
    for (int64_t j = 0; j < 16; ++j) {
      zero_points[j] = static_cast<int16_t>(q.b_zero_point_of(j0 + j));
      multipliers[j] = q.requant.enabled ? static_cast<int32_t>(q.requant.multiplier[per_column ? static_cast<size_t>(j0 + j) : 0]) : 0;
      shifts[j] = q.requant.enabled ? static_cast<int32_t>(q.requant.shift[per_column ? static_cast<size_t>(j0 + j) : 0]) : 0;
      biases[j] = q.bias != nullptr ? q.bias->as<int32_t>()[j0 + j] : 0;
    }
    const int16x8_t zp_lo = vld1q_s16(zero_points), zp_hi = vld1q_s16(zero_points + 8);
    int32x4_t acc[4];
    for (int h = 0; h < 4; ++h) acc[h] = vld1q_s32(biases + 4 * h);
    for (int64_t p = 0; p < q.k; ++p) {
      const int16_t ap = static_cast<int16_t>(int32_t{a[p]} - q.a_zero_point);
      const int16x8_t lo = vsubq_s16(widen_8(b + p * q.n), zp_lo), hi = vsubq_s16(widen_8(b + p * q.n + 8), zp_hi);
      acc[0] = vmlal_n_s16(acc[0], vget_low_s16(lo), ap);
      acc[1] = vmlal_high_n_s16(acc[1], lo, ap);
      acc[2] = vmlal_n_s16(acc[2], vget_low_s16(hi), ap);
      acc[3] = vmlal_high_n_s16(acc[3], hi, ap);
    }
    if constexpr (std::is_same_v<Y, int32_t>) {  // the raw sums (int8-dynamic's products)
      for (int h = 0; h < 4; ++h) vst1q_s32(q.y->as<int32_t>() + i * q.n + j0 + 4 * h, acc[h]);
      return;
    }
    const OutputRange range = OutputRange::of(q.requant.zero_point, q.requant.lo, q.requant.hi);
    for (int h = 0; h < 4; ++h) acc[h] = range.apply(RowRequant::lanes(multipliers + 4 * h, shifts + 4 * h).apply(acc[h]));
    Y* y = q.y->as<Y>() + i * q.n + j0;
    vst1_u8(reinterpret_cast<uint8_t*>(y), narrow_8<std::is_signed_v<Y>>(acc[0], acc[1]));
    vst1_u8(reinterpret_cast<uint8_t*>(y + 8), narrow_8<std::is_signed_v<Y>>(acc[2], acc[3]));
  }
};

template <typename Y>
Error qmatmul_rows_neon(KernelContext& ctx) { return simd::qmatmul_rows<QmatmulBlockNeon, Y>(ctx); }

}  // namespace ingot::rt::arm
