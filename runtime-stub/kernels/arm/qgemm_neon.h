// The int8 GEMM tile of plain NEON (ARMv8-A) for the integer im2col
// convolution (qconv_im2col_neon.h): 8 rows (output channels) x 8 columns
// (output positions) of i32 sums of zero-point-centred operands.
//
// Why it is exact: a centred 8-bit value (x - x_zero_point, w -
// w_zero_point) lies in [-255, 255], so both operands are packed as i16, and
// SMLAL multiplies i16 lanes into i32 sums with no intermediate rounding or
// saturation. The i32 accumulators wrap like the reference's, and a sum
// taken in another order is the same sum modulo 2^32.
//
// Layouts (K runs one element per step):
//   A panel: [k][8] i16, the 8 rows' weights of one k side by side, so that
//            one load holds a step's A and each row is a lane of it;
//   B block: [k][kQChunk] i16, one row of im2col(x) per k.
// A step costs 2 loads and 16 SMLAL for 64 multiply-adds.
#pragma once

#include <arm_neon.h>

#include <cstdint>
#include <utility>

#include "kernels/arm/widen_neon.h"

namespace ingot::rt::arm {

struct QgemmWiden {
  using Elem = int16_t;
  static constexpr int64_t kStep = 1;      // K per step
  static constexpr int64_t kBlockK = 256;  // K per B block: 256 x 64 i16, 32 KiB

  // Step p of B from row p of im2col(x) (null past K: never, kStep is 1),
  // kQChunk wide: centred and widened.
  template <typename X>
  static void pack_b_step(const X* const rows[kStep], int32_t x_zero_point, int64_t width, Elem* dst, int32_t* /*col_sums*/) {
    const int16x8_t zp = vdupq_n_s16(static_cast<int16_t>(x_zero_point));
    for (int64_t j = 0; j < width; j += 8) vst1q_s16(dst + j, vsubq_s16(widen_8(rows[0] + j), zp));
  }

  // The centred panel of `rows` (<= 8) weight rows (row r at w + r * ldw,
  // its zero point w_zero_points[r]) over kb of K, rows past `rows` zero;
  // no corrections (row_init zero).
  template <typename X, typename W>
  static void pack_a(const W* w, int64_t ldw, int64_t rows, int64_t kb, int32_t /*x_zero_point*/,
                     const int32_t* w_zero_points, Elem* dst, int32_t* row_init) {
    for (int64_t k = 0; k < kb; ++k) {
      for (int64_t r = 0; r < 8; ++r) dst[k * 8 + r] = r < rows ? static_cast<Elem>(int32_t{w[r * ldw + k]} - w_zero_points[r]) : 0;
    }
    for (int64_t r = 0; r < 8; ++r) row_init[r] = 0;
  }

  // The factor of a row's column-sum correction: none here.
  template <typename W>
  static int32_t column_factor(int32_t /*w_zero_point*/) { return 0; }

  // acc[r][h] (columns 4h..4h+3) += the tile's products over `steps` steps.
  static void run(const Elem* a, const Elem* b, int64_t steps, int64_t ldb, int32x4_t (&acc)[8][2]) {
    for (int64_t p = 0; p < steps; ++p, a += 8, b += ldb) {
      mac_rows(std::make_integer_sequence<int, 8>(), acc, vld1q_s16(a), vld1q_s16(b));
    }
  }

 private:
  // Row R's lane of a times the 8 columns of b (a lane index must be a constant).
  template <int... R>
  static void mac_rows(std::integer_sequence<int, R...>, int32x4_t (&acc)[8][2], int16x8_t a, int16x8_t b) {
    ((acc[R][0] = vmlal_laneq_s16(acc[R][0], vget_low_s16(b), a, R), acc[R][1] = vmlal_high_laneq_s16(acc[R][1], b, a, R)), ...);
  }
};

}  // namespace ingot::rt::arm
