// qconv (kernels/portable/qconv.cc) on NEON for 2-D convolutions of any
// strides, dilations, padding and groups, NCHW, u8 or i8 activations and
// weights, u8 or i8 output (requantized; an i32 output stays portable): per
// image and group a GEMM y[m, j] = w[m, K] * im2col(x)[K, j] whose i32 sums
// are the reference's to the bit, on one of two tiles (Tile):
//   QgemmDot   (qgemm_dotprod.h, ARMv8.2 SDOT): 8-bit operands moved into
//              i8, zero points corrected by sums;
//   QgemmWiden (qgemm_neon.h, plain NEON): centred operands widened to i16,
//              SMLAL into i32.
// The sums are requantized in vectors (requantize_neon.h) as the reference.
// The structure is the AVX2 kernel's (../x86/qconv_im2col_avx2.h): work
// items are images x groups x chunks of kQChunk output positions; K runs in
// blocks of Tile::kBlockK whose im2col rows are packed on the stack
// (padding as x_zero_point, the real 0; a 1x1 convolution with unit strides
// and no padding reads its rows in place); each panel of 8 output channels
// packs its weights and runs the chunk's tiles; with more than one block the
// sums wait in an i32 buffer between blocks, kQSlabRows channels at a time.
#pragma once

#include <arm_neon.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/arm/requantize_neon.h"
#include "kernels/portable/qconv_operands.h"
#include "kernels/simd/qconv_im2col_rows.h"

namespace ingot::rt::arm {

using simd::QconvShape;

inline constexpr int64_t kQChunk = 64;       // output positions per work item: eight tiles of 8
inline constexpr int64_t kQRows = 8;         // output channels per panel
inline constexpr int64_t kQSlabRows = 256;   // channels whose sums wait between blocks: 64 KiB

// simd::im2col_row's stride-2 hook: LD2 splits 32 bytes into evens and odds.
struct EvensNeon {
  static void copy16(const void* p, void* dst) { vst1q_u8(static_cast<uint8_t*>(dst), vld2q_u8(static_cast<const uint8_t*>(p)).val[0]); }
};

// One block of K of the B matrix: steps of Tile::kStep rows of im2col(x)
// at output positions [n0, n0 + cols), rows past K null (zeros); with
// col_sums (zeroed here), the columns' sums for QgemmDot's correction.
template <class Tile, typename X>
void pack_im2col_block(const QconvShape& s, const X* x, int32_t x_zero_point, int64_t k0, int64_t kb, int64_t n0,
                       int64_t cols, typename Tile::Elem* block, int32_t* col_sums) {
  alignas(16) X rows[Tile::kStep][kQChunk];
  const bool in_place = s.in_place() && cols == kQChunk;  // a full chunk reads no further than the plane
  if (col_sums != nullptr) std::fill(col_sums, col_sums + kQChunk, 0);
  for (int64_t p = 0; p < (kb + Tile::kStep - 1) / Tile::kStep; ++p) {
    const X* step[Tile::kStep] = {};
    for (int64_t i = 0; i < Tile::kStep && p * Tile::kStep + i < kb; ++i) {
      const int64_t row = k0 + p * Tile::kStep + i;
      if (in_place) {
        step[i] = x + row * s.h * s.w + n0;
      } else {
        simd::im2col_row<EvensNeon>(s, x, row, n0, cols, static_cast<X>(x_zero_point), kQChunk, rows[i]);
        step[i] = rows[i];
      }
    }
    Tile::pack_b_step(step, x_zero_point, kQChunk, block + p * Tile::kStep * kQChunk, col_sums);
  }
}

// Where one panel's tiles start and end: its rows' bias, requantization and
// output, and its block's corrections.
struct QpanelOutput {
  int64_t rows = 0;                  // live rows (<= kQRows)
  const int32_t* bias = nullptr;     // bias of the panel's first row, or null
  const portable::Requantization* requant = nullptr;
  int64_t m0 = 0;                    // the panel's first row in the node's output channels
  void* y = nullptr;                 // row r, column j at y + r * ldy + j
  int64_t ldy = 0;
};

// The panel against the block: cols columns, `steps` steps of K. The
// accumulators start from acc ([kQRows][kQChunk], with `accumulate`) or 0,
// plus row_init[r] less column_factor[r] * col_sums[j] (col_sums null: none);
// `finish` requantizes into the output, else the sums go back to acc.
template <class Tile, typename Y>
void qgemm_panel(const typename Tile::Elem* a, const typename Tile::Elem* b, int64_t steps, int64_t cols,
                 const int32_t* row_init, const int32_t* column_factor, const int32_t* col_sums, int32_t* acc,
                 bool accumulate, bool finish, const QpanelOutput& out) {
  RowRequant requant[kQRows];
  int32x4_t bias[kQRows];
  const portable::Requantization& q = *out.requant;
  const OutputRange range = OutputRange::of(q.zero_point, q.lo, q.hi);
  for (int64_t r = 0; finish && r < out.rows; ++r) {
    const size_t i = q.multiplier.size == 1 ? 0 : static_cast<size_t>(out.m0 + r);
    requant[r] = RowRequant::of(static_cast<int32_t>(q.multiplier[i]), static_cast<int32_t>(q.shift[i]));
    bias[r] = vdupq_n_s32(out.bias != nullptr ? out.bias[r] : 0);
  }
  for (int64_t j0 = 0; j0 < cols; j0 += 8) {
    int32x4_t sums[kQRows][2];
    for (int r = 0; r < kQRows; ++r) {
      for (int h = 0; h < 2; ++h) {
        int32x4_t v = vdupq_n_s32(row_init[r]);
        if (accumulate) v = vaddq_s32(v, vld1q_s32(acc + r * kQChunk + j0 + 4 * h));
        if (col_sums != nullptr) v = vmlsq_n_s32(v, vld1q_s32(col_sums + j0 + 4 * h), column_factor[r]);
        sums[r][h] = v;
      }
    }
    Tile::run(a, b + j0 * Tile::kStep, steps, Tile::kStep * kQChunk, sums);
    for (int64_t r = 0; r < kQRows; ++r) {
      if (!finish) {
        vst1q_s32(acc + r * kQChunk + j0, sums[r][0]);
        vst1q_s32(acc + r * kQChunk + j0 + 4, sums[r][1]);
        continue;
      }
      if (r >= out.rows) break;
      const int32x4_t v0 = range.apply(requant[r].apply(vaddq_s32(sums[r][0], bias[r])));
      const int32x4_t v1 = range.apply(requant[r].apply(vaddq_s32(sums[r][1], bias[r])));
      const uint8x8_t bytes = narrow_8<std::is_signed_v<Y>>(v0, v1);
      uint8_t* y = static_cast<uint8_t*>(out.y) + r * out.ldy + j0;
      if (cols - j0 >= 8) {
        vst1_u8(y, bytes);
      } else {
        uint8_t tail[8];
        vst1_u8(tail, bytes);
        std::memcpy(y, tail, static_cast<size_t>(cols - j0));
      }
    }
  }
}

// Work items [begin, end) of images x groups x chunks.
template <class Tile, typename X, typename W, typename Y>
void qconv_im2col_run(const QconvShape& s, int64_t group, const portable::QconvOperands& ops, bool column_corrections,
                      int64_t begin, int64_t end) {
  using Elem = typename Tile::Elem;
  alignas(16) Elem block[Tile::kBlockK * kQChunk];
  alignas(16) Elem panel[Tile::kBlockK * kQRows];
  alignas(16) int32_t sums[kQSlabRows * kQChunk];
  alignas(16) int32_t col_sums[kQChunk];
  int32_t row_init[kQRows], zero_points[kQRows], factors[kQRows];
  const int64_t k = s.k(), n = s.n();
  const int64_t chunks = (n + kQChunk - 1) / kQChunk;
  const int64_t blocks = std::max<int64_t>(1, (k + Tile::kBlockK - 1) / Tile::kBlockK);  // K = 0: the bias alone
  const int64_t slab = blocks == 1 ? s.m : kQSlabRows;  // one block keeps no sums: all channels at once
  const X* x = ops.x->as<X>();
  const W* w = ops.w->as<W>();
  const int32_t* bias = ops.bias != nullptr ? ops.bias->as<int32_t>() : nullptr;
  for (int64_t index = begin; index < end; ++index) {
    const int64_t image = index / (group * chunks), g = index / chunks % group, n0 = index % chunks * kQChunk;
    const int64_t cols = std::min(kQChunk, n - n0);
    const X* xg = x + (image * group + g) * s.c * s.h * s.w;
    Y* yg = ops.y->as<Y>() + (image * group + g) * s.m * n + n0;
    for (int64_t s0 = 0; s0 < s.m; s0 += slab) {
      const int64_t s1 = std::min(s.m, s0 + slab);
      for (int64_t b = 0; b < blocks; ++b) {
        const int64_t k0 = b * Tile::kBlockK, kb = std::min(Tile::kBlockK, k - k0);
        pack_im2col_block<Tile>(s, xg, ops.x_zero_point, k0, kb, n0, cols, block, column_corrections ? col_sums : nullptr);
        for (int64_t r0 = s0; r0 < s1; r0 += kQRows) {
          const int64_t channel = g * s.m + r0;
          QpanelOutput out;
          out.rows = std::min(kQRows, s1 - r0);
          for (int64_t r = 0; r < kQRows; ++r) {
            zero_points[r] = r < out.rows ? ops.w_zero_point_of(channel + r) : 0;
            factors[r] = Tile::template column_factor<W>(zero_points[r]);
          }
          Tile::template pack_a<X, W>(w + channel * k + k0, k, out.rows, kb, ops.x_zero_point, zero_points, panel, row_init);
          out.bias = bias != nullptr ? bias + channel : nullptr;
          out.requant = &ops.requant;
          out.m0 = channel;
          out.y = yg + r0 * n;
          out.ldy = n;
          // One block keeps no sums (and its slab may be wider than `sums`): no pointer past the array.
          int32_t* acc = blocks == 1 ? nullptr : sums + (r0 - s0) * kQChunk;
          qgemm_panel<Tile, Y>(panel, block, (kb + Tile::kStep - 1) / Tile::kStep, cols, row_init, factors,
                               column_corrections ? col_sums : nullptr, acc, b > 0, b == blocks - 1, out);
        }
      }
    }
  }
}

// Y: the output's type, uint8_t or int8_t (the variant's dtype).
template <class Tile, typename Y>
Error qconv_im2col_neon(KernelContext& ctx) {
  portable::QconvOperands ops{};
  QconvShape s{};
  int64_t group = 1;
  if (Error e = simd::read_qconv_im2col(ctx, std::is_signed_v<Y> ? DType::i8 : DType::u8, &ops, &s, &group); e != Error::ok) {
    return e;
  }
  const Tensor &x = *ops.x, &w = *ops.w, &y = *ops.y;
  if (y.numel == 0) return Error::ok;
  const int64_t chunks = (s.n() + kQChunk - 1) / kQChunk;
  auto run = [&](auto x_type, auto w_type) {
    using X = decltype(x_type);
    using W = decltype(w_type);
    // Column sums only when some channel's weights need them (QgemmDot with a nonzero b).
    bool column_corrections = false;
    for (int64_t m = 0; m < w.dims[0]; ++m) column_corrections |= Tile::template column_factor<W>(ops.w_zero_point_of(m)) != 0;
    ctx.parallel_for(x.dims[0] * group * chunks, [&](int64_t begin, int64_t end) {
      qconv_im2col_run<Tile, X, W, Y>(s, group, ops, column_corrections, begin, end);
    });
  };
  portable::with_8bit_types(x.dtype, w.dtype, run);
  return Error::ok;
}

}  // namespace ingot::rt::arm
