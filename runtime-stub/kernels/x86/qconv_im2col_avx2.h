// qconv (kernels/portable/qconv.cc) on AVX2 for 2-D convolutions of any
// strides, dilations, padding and groups, NCHW, u8 or i8 activations and
// weights, u8 or i8 output (requantized; an i32 output stays portable):
// per image and group a GEMM y[m, j] = w[m, K] * im2col(x)[K, j] on the
// exact int8 GEMM of qgemm_avx2.h, so that every output is the reference
// kernel's to the bit.
//
// Work items are images x groups x chunks of kQChunk output positions
// (split over the threads). For a chunk, K runs in blocks of up to
// kQBlockPairs pairs: the block's im2col rows, centred on x_zero_point, are
// packed as pairs on the stack (padding packs as x_zero_point, the real 0,
// so as 0 once centred; a 1x1 convolution with unit strides and no padding
// reads its rows in place), and each panel of kQRows output channels widens
// its weights (centred on w_zero_point) and runs the chunk's tiles. With
// more than one block of K (K > 512) the sums wait in an i32 buffer between
// blocks, kQSlabRows channels at a time; the last block requantizes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/portable/qconv_operands.h"
#include "kernels/simd/qconv_im2col_rows.h"
#include "kernels/x86/qgemm_avx2.h"

namespace ingot::rt::x86 {

using simd::QconvShape;

inline constexpr int64_t kQChunk = 64;                          // output positions per work item: four tiles
inline constexpr int64_t kQBlockInts = 16384;                   // the packed B block: 64 KiB
inline constexpr int64_t kQBlockPairs = kQBlockInts / kQChunk;  // 256 pairs: K up to 512 in one block
inline constexpr int64_t kQSlabRows = 42 * kQRows;              // channels whose sums wait between blocks: 63 KiB

// simd::im2col_row's stride-2 hook: p[0], p[2], ..., p[30], the even bytes
// of 32, in one shuffle.
struct EvensAvx2 {
  static void copy16(const void* p, void* dst) {
    const __m256i order = _mm256_setr_epi8(0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15,  //
                                           0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);
    const __m256i v = _mm256_shuffle_epi8(_mm256_loadu_si256(static_cast<const __m256i*>(p)), order);
    _mm_storeu_si128(static_cast<__m128i*>(dst), _mm256_castsi256_si128(_mm256_permute4x64_epi64(v, 0xD8)));
  }
};

// Pairs [p0, p0 + kp) of im2col(x) at output positions [n0, n0 + cols) into
// block[kp][kQChunk] (qgemm_avx2.h's B block); the row past an odd K is 0.
template <typename X>
void pack_im2col_pairs(const QconvShape& s, const X* x, int32_t x_zero_point, int64_t p0, int64_t kp, int64_t n0,
                       int64_t cols, int32_t* block) {
  alignas(32) X rows[2][kQChunk];
  const bool in_place = s.in_place() && cols == kQChunk;  // a full chunk reads no further than the plane
  const int64_t k = s.k();
  for (int64_t p = 0; p < kp; ++p) {
    const X* pair[2] = {nullptr, nullptr};
    for (int i = 0; i < 2 && 2 * (p0 + p) + i < k; ++i) {
      const int64_t row = 2 * (p0 + p) + i;
      if (in_place) {
        pair[i] = x + row * s.h * s.w + n0;
      } else {
        simd::im2col_row<EvensAvx2>(s, x, row, n0, cols, static_cast<X>(x_zero_point), kQChunk, rows[i]);
        pair[i] = rows[i];
      }
    }
    pack_b_pairs(pair[0], pair[1], x_zero_point, kQChunk, block + p * kQChunk);
  }
}

// Work items [begin, end) of images x groups x chunks.
template <typename X, typename W, typename Y>
void qconv_im2col_run(const QconvShape& s, int64_t group, const portable::QconvOperands& ops, int64_t begin, int64_t end) {
  alignas(32) int32_t block[kQBlockInts];
  alignas(32) int32_t sums[kQSlabRows * kQChunk];
  alignas(32) int32_t panel[kQRows * kQBlockPairs];
  const int64_t k = s.k(), pairs = (k + 1) / 2, n = s.n();
  const int64_t chunks = (n + kQChunk - 1) / kQChunk;
  const int64_t blocks = std::max<int64_t>(1, (pairs + kQBlockPairs - 1) / kQBlockPairs);  // K = 0: the bias alone
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
        const int64_t p0 = b * kQBlockPairs, kp = std::min(kQBlockPairs, pairs - p0);
        const int64_t k0 = 2 * p0, kb = std::min(2 * kp, k - k0);  // the block's K
        pack_im2col_pairs(s, xg, ops.x_zero_point, p0, kp, n0, cols, block);
        for (int64_t r0 = s0; r0 < s1; r0 += kQRows) {
          const int64_t channel = g * s.m + r0;
          QgemmArgs ga;
          ga.rows = std::min<int64_t>(kQRows, s1 - r0);
          for (int64_t r = 0; r < ga.rows; ++r) {
            pack_a_row(w + (channel + r) * k + k0, kb, ops.w_zero_point_of(channel + r), panel + r * kp);
          }
          ga.a = panel;
          ga.lda = kp;
          ga.kp = kp;
          ga.b = block;
          ga.ldb = kQChunk;
          ga.cols = cols;
          // One block keeps no sums (and its slab may be wider than `sums`): no pointer past the array.
          ga.acc = blocks == 1 ? nullptr : sums + (r0 - s0) * kQChunk;
          ga.accumulate = b > 0;
          ga.finish = b == blocks - 1;
          ga.out = {channel, bias, &ops.requant, yg + r0 * n, n};
          qgemm<Y>(ga);
        }
      }
    }
  }
}

// Y: the output's type, uint8_t or int8_t (the variant's dtype).
template <typename Y>
Error qconv_im2col_avx2(KernelContext& ctx) {
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
    ctx.parallel_for(x.dims[0] * group * chunks,
                     [&](int64_t begin, int64_t end) { qconv_im2col_run<X, W, Y>(s, group, ops, begin, end); });
  };
  if (x.dtype == DType::u8) {
    if (w.dtype == DType::u8) run(uint8_t{}, uint8_t{}); else run(uint8_t{}, int8_t{});
  } else {
    if (w.dtype == DType::u8) run(int8_t{}, uint8_t{}); else run(int8_t{}, int8_t{});
  }
  return Error::ok;
}

}  // namespace ingot::rt::x86
