// The int8 GEMM tile of ARMv8.2 dot product (SDOT) for the integer im2col
// convolution (qconv_im2col_neon.h): 8 rows (output channels) x 8 columns
// (output positions) of i32 sums, four products of i8 x i8 per lane and
// instruction. Include only from files built with +dotprod (kernels/arm/dotprod/).
//
// Why it is exact: the reference sums (x - x_zp) * (w - w_zp), whose
// operands lie in [-255, 255] and do not fit i8. So each 8-bit value is
// moved into i8 without loss (x' = x - 128 for a u8 x, by flipping its top
// bit; x' = x for an i8 x; the same for w), and with a = x_zp - 128 or x_zp,
// b = w_zp - 128 or w_zp accordingly:
//   sum (x' - a)(w' - b) = sum x'w' - b * sum x' - a * sum w' + K * a * b,
// an identity of integers that holds modulo 2^32 too, so that i32 sums
// wrapping as the reference's give its bits. SDOT computes sum x'w' exactly
// (four products of at most 2^14 into an i32 lane); the per-row terms
// (sum w', K a b) are added to the accumulators at the start of each block
// of K, and the per-column term b * sum x' (the column sums of the packed
// B block, one SDOT against ones per 16 bytes) only when some b is not 0
// (ingot's symmetric i8 weights have b = 0). K is padded to a multiple of
// 4 with x' = w' = 0, which adds nothing to any of the sums.
//
// Layouts (K runs four elements per step):
//   A panel: [k/4][8][4] i8: one step's 4 K of the 8 rows, 32 bytes, two
//            loads whose 4-byte lanes are the rows;
//   B block: [k/4][kQChunk][4] i8: one step's 4 K of each column side by
//            side (ST4 of four im2col rows).
// A step costs 4 loads and 16 SDOT for 256 multiply-adds.
#pragma once

#include <arm_neon.h>

#include <cstdint>
#include <type_traits>
#include <utility>

namespace ingot::rt::arm {

struct QgemmDot {
  using Elem = int8_t;
  static constexpr int64_t kStep = 4;      // K per step
  static constexpr int64_t kBlockK = 512;  // K per B block: 512 x 64 bytes, 32 KiB

  // The offset that moves an 8-bit type into i8: 128 for u8, 0 for i8.
  template <typename T>
  static constexpr int32_t kOffset = std::is_signed_v<T> ? 0 : 128;

  // One step of B from 4 rows of im2col(x) (null past K: zeros), kQChunk =
  // width wide; with col_sums, adds each column's sum of x' to it.
  template <typename X>
  static void pack_b_step(const X* const rows[kStep], int32_t /*x_zero_point*/, int64_t width, Elem* dst, int32_t* col_sums) {
    const int8x16_t flip = vdupq_n_s8(static_cast<int8_t>(kOffset<X>));  // x ^ 0x80 = x - 128 for u8
    const int8x16_t ones = vdupq_n_s8(1);
    for (int64_t j = 0; j < width; j += 16) {
      int8x16x4_t v;
      for (int i = 0; i < 4; ++i) {
        v.val[i] = rows[i] != nullptr ? veorq_s8(vld1q_s8(reinterpret_cast<const int8_t*>(rows[i] + j)), flip) : vdupq_n_s8(0);
      }
      vst4q_s8(dst + 4 * j, v);
      if (col_sums != nullptr) {
        for (int q = 0; q < 4; ++q) {
          int32_t* sums = col_sums + j + 4 * q;
          vst1q_s32(sums, vdotq_s32(vld1q_s32(sums), vld1q_s8(dst + 4 * (j + 4 * q)), ones));
        }
      }
    }
  }

  // The panel of `rows` (<= 8) weight rows (row r at w + r * ldw, its zero
  // point w_zero_points[r]) in the i8 domain over kb of K, rows past `rows`
  // and K past kb zero; row_init[r] = -a * sum w' + kb * a * b of row r.
  template <typename X, typename W>
  static void pack_a(const W* w, int64_t ldw, int64_t rows, int64_t kb, int32_t x_zero_point,
                     const int32_t* w_zero_points, Elem* dst, int32_t* row_init) {
    const int32_t a = x_zero_point - kOffset<X>;
    for (int64_t r = 0; r < 8; ++r) {
      uint32_t sum = 0;  // |sum| <= 512 * 128: no wrap; unsigned all the same
      for (int64_t k = 0; k < (kb + 3) / 4 * 4; ++k) {
        const int32_t v = r < rows && k < kb ? int32_t{w[r * ldw + k]} - kOffset<W> : 0;
        dst[(k / 4 * 8 + r) * 4 + k % 4] = static_cast<Elem>(v);
        sum += static_cast<uint32_t>(v);
      }
      const int32_t b = r < rows ? column_factor<W>(w_zero_points[r]) : 0;
      row_init[r] = static_cast<int32_t>(static_cast<uint32_t>(-a) * sum + static_cast<uint32_t>(kb * a * b));
    }
  }

  // b of a row: its weights' zero point in the i8 domain, the factor of its
  // column-sum correction.
  template <typename W>
  static int32_t column_factor(int32_t w_zero_point) { return w_zero_point - kOffset<W>; }

  // acc[r][h] (columns 4h..4h+3) += the tile's sums of x'w' over `steps` steps.
  static void run(const Elem* a, const Elem* b, int64_t steps, int64_t ldb, int32x4_t (&acc)[8][2]) {
    for (int64_t p = 0; p < steps; ++p, a += 32, b += ldb) {
      dot_rows(std::make_integer_sequence<int, 8>(), acc, vld1q_s8(a), vld1q_s8(a + 16), vld1q_s8(b), vld1q_s8(b + 16));
    }
  }

 private:
  // Row R's 4 bytes (lane R % 4 of a0 or a1) against the 8 columns.
  template <int... R>
  static void dot_rows(std::integer_sequence<int, R...>, int32x4_t (&acc)[8][2], int8x16_t a0, int8x16_t a1, int8x16_t b0,
                       int8x16_t b1) {
    ((acc[R][0] = vdotq_laneq_s32(acc[R][0], b0, R < 4 ? a0 : a1, R % 4),
      acc[R][1] = vdotq_laneq_s32(acc[R][1], b1, R < 4 ? a0 : a1, R % 4)),
     ...);
  }
};

}  // namespace ingot::rt::arm
