// qconv (kernels/portable/qconv.cc) on AVX2 for 2-D convolutions of any
// strides, dilations, padding and groups, NCHW, u8 or i8 activations and
// weights, u8 or i8 output (requantized; an i32 output stays portable):
// per image and group a GEMM y[m, j] = w[m, K] * im2col(x)[K, j] on the
// exact int8 GEMM of qgemm_avx2.h, so that every output is the reference
// kernel's to the bit.
//
// Work items are images x groups x chunks of kQChunk output positions, or
// up to kQChunkMax where K is short (qconv_chunk), split over the threads.
// For a chunk, K runs in blocks of up to kQBlockPairs pairs: the block's
// im2col rows, centred on x_zero_point, are packed as pairs on the stack
// (padding packs as x_zero_point, the real 0, so as 0 once centred; a 1x1
// convolution with unit strides and no padding reads its rows in place),
// and each panel of kQRows output channels widens its weights (centred on
// w_zero_point) and runs the chunk's tiles. With more than one block of K
// (K > 512) the sums wait in an i32 buffer between blocks, kQSlabRows
// channels at a time (a chunk's im2col is packed once per slab); the last
// block requantizes.
//
// qconv.im2col_w7 runs the same loops on qgemm_w7_avx2.h (the RawQuads
// policy below): K in quads of raw u8 (blocks of up to 1024), 4-row panels
// of weights copied rather than widened, each row's sums starting at
// -x_zero_point x its weights' sum.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/portable/qconv_operands.h"
#include "kernels/simd/qconv_im2col_rows.h"
#include "kernels/x86/qgemm_avx2.h"
#include "kernels/x86/qgemm_w7_avx2.h"

namespace ingot::rt::x86 {

using simd::QconvShape;

inline constexpr int64_t kQChunk = 64;                          // output positions per work item: four tiles
inline constexpr int64_t kQChunkMax = 4 * kQChunk;              // ... or up to 16 tiles where K is short
inline constexpr int64_t kQBlockInts = 16384;                   // the packed B block: 64 KiB
inline constexpr int64_t kQBlockPairs = kQBlockInts / kQChunk;  // 256 pairs: K up to 512 in one block
// Channels whose sums wait between blocks (132 KiB, in L2): resnet's 512
// in one slab, so that a chunk's im2col is packed once.
inline constexpr int64_t kQSlabRows = 88 * kQRows;

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

// How a GEMM takes its operands (qgemm_avx2.h's exact centred pairs, or
// qgemm_w7_avx2.h's raw quads): kDepth rows of K per unit, packed into the
// B block by pack_b, a row of weights into an A panel row by pack_a (which
// also gives the row's starting sum).
struct CentredPairs {
  using Mac = MaddPairs;
  static constexpr int64_t kDepth = 2;
  template <typename X>
  static void pack_b(const X* const rows[2], int32_t x_zero_point, int64_t width, int32_t* dst) {
    pack_b_pairs(rows[0], rows[1], x_zero_point, width, dst);
  }
  template <typename W>
  static void pack_a(const W* w, int64_t k, int32_t w_zero_point, int32_t /*x_zero_point*/, int32_t* dst, int32_t* start) {
    pack_a_row(w, k, w_zero_point, dst);
    *start = 0;
  }
};

struct RawQuads {  // u8 activations, i8 weights of zero point 0 whose pairs fit (qgemm_w7_pairs.h)
  using Mac = MaddubsQuads;
  static constexpr int64_t kDepth = 4;
  static void pack_b(const uint8_t* const rows[4], int32_t /*x_zero_point*/, int64_t width, int32_t* dst) {
    pack_b_quads(rows, width, dst);
  }
  static void pack_a(const int8_t* w, int64_t k, int32_t /*w_zero_point*/, int32_t x_zero_point, int32_t* dst, int32_t* start) {
    pack_a_quads(w, k, x_zero_point, dst, start);
  }
};

// Output positions per work item: kQChunk, or more (up to kQChunkMax) while
// K is short enough that the B block of one block of K still holds them, so
// that what a panel does once per chunk (its weights packed, its
// requantization set up) spreads over more tiles: a pointwise conv of 16
// channels has 4 quads or 8 pairs of K per tile.
template <typename Gemm>
int64_t qconv_chunk(const QconvShape& s) {
  const int64_t units = (s.k() + Gemm::kDepth - 1) / Gemm::kDepth;
  int64_t chunk = kQChunk;
  while (chunk < kQChunkMax && 2 * chunk * units <= kQBlockInts) chunk *= 2;
  return chunk;
}

// The work items of `images` images: images x groups x chunks.
template <typename Gemm>
int64_t qconv_items(const QconvShape& s, int64_t images, int64_t group) {
  const int64_t chunk = qconv_chunk<Gemm>(s);
  return images * group * ((s.n() + chunk - 1) / chunk);
}

// Units [u0, u0 + ku) of im2col(x) (Gemm::kDepth rows of K each) at output
// positions [n0, n0 + cols) into block[ku][kQChunk] (the B block); rows
// past K are null (0).
template <typename Gemm, typename X>
void pack_im2col_units(const QconvShape& s, const X* x, int32_t x_zero_point, int64_t u0, int64_t ku, int64_t n0,
                       int64_t cols, int64_t chunk, int32_t* block) {
  constexpr int64_t depth = Gemm::kDepth;
  alignas(32) X rows[depth][kQChunkMax];
  const bool in_place = s.in_place() && cols == chunk;  // a full chunk reads no further than the plane
  const int64_t k = s.k();
  simd::Im2colTap tap = simd::Im2colTap::of(s, depth * u0);
  const simd::Im2colStart at = simd::Im2colStart::of(s, n0);
  for (int64_t u = 0; u < ku; ++u) {
    const X* unit[depth] = {};
    for (int64_t i = 0; i < depth && depth * (u0 + u) + i < k; ++i, tap.next(s)) {
      const int64_t row = depth * (u0 + u) + i;
      if (in_place) {
        unit[i] = x + row * s.h * s.w + n0;
      } else {
        simd::im2col_row<EvensAvx2>(s, x, tap, at, cols, static_cast<X>(x_zero_point), chunk, rows[i]);
        unit[i] = rows[i];
      }
    }
    Gemm::pack_b(unit, x_zero_point, chunk, block + u * chunk);
  }
}

// Work items [begin, end) of images x groups x chunks.
template <typename X, typename W, typename Y, typename Gemm = CentredPairs>
void qconv_im2col_run(const QconvShape& s, int64_t group, const portable::QconvOperands& ops, int64_t begin, int64_t end) {
  constexpr int64_t depth = Gemm::kDepth;
  constexpr int rows_per_panel = Gemm::Mac::kRows;
  alignas(32) int32_t block[kQBlockInts];
  alignas(32) int32_t sums[kQSlabRows * kQChunk];
  alignas(32) int32_t panel[kQRows * kQBlockPairs];
  int32_t starts[kQRows];
  const int64_t k = s.k(), units = (k + depth - 1) / depth, n = s.n();
  const int64_t chunk = qconv_chunk<Gemm>(s), chunks = (n + chunk - 1) / chunk;
  const int64_t blocks = std::max<int64_t>(1, (units + kQBlockPairs - 1) / kQBlockPairs);  // K = 0: the bias alone
  const int64_t slab = blocks == 1 ? s.m : kQSlabRows;  // one block keeps no sums: all channels at once
  const X* x = ops.x->as<X>();
  const W* w = ops.w->as<W>();
  const int32_t* bias = ops.bias != nullptr ? ops.bias->as<int32_t>() : nullptr;
  for (int64_t index = begin; index < end; ++index) {
    const int64_t image = index / (group * chunks), g = index / chunks % group, n0 = index % chunks * chunk;
    const int64_t cols = std::min(chunk, n - n0);
    const X* xg = x + (image * group + g) * s.c * s.h * s.w;
    Y* yg = ops.y->as<Y>() + (image * group + g) * s.m * n + n0;
    for (int64_t s0 = 0; s0 < s.m; s0 += slab) {
      const int64_t s1 = std::min(s.m, s0 + slab);
      for (int64_t b = 0; b < blocks; ++b) {
        const int64_t u0 = b * kQBlockPairs, ku = std::min(kQBlockPairs, units - u0);
        const int64_t k0 = depth * u0, kb = std::min(depth * ku, k - k0);  // the block's K
        pack_im2col_units<Gemm>(s, xg, ops.x_zero_point, u0, ku, n0, cols, chunk, block);
        for (int64_t r0 = s0; r0 < s1; r0 += rows_per_panel) {
          const int64_t channel = g * s.m + r0;
          QgemmArgs ga;
          ga.rows = std::min<int64_t>(rows_per_panel, s1 - r0);
          for (int64_t r = 0; r < ga.rows; ++r) {
            Gemm::pack_a(w + (channel + r) * k + k0, kb, ops.w_zero_point_of(channel + r), ops.x_zero_point, panel + r * ku,
                         starts + r);
          }
          ga.a = panel;
          ga.lda = ku;
          ga.kp = ku;
          ga.b = block;
          ga.ldb = chunk;
          ga.cols = cols;
          // One block keeps no sums (and its slab may be wider than `sums`): no pointer past the array.
          ga.acc = blocks == 1 ? nullptr : sums + (r0 - s0) * kQChunk;  // several blocks: chunk = kQChunk
          ga.row_start = starts;
          ga.accumulate = b > 0;
          ga.finish = b == blocks - 1;
          ga.out = {channel, bias, &ops.requant, yg + r0 * n, n};
          qgemm<typename Gemm::Mac, Y>(ga);
        }
      }
    }
  }
}

// The work items of a node, over the threads.
template <typename X, typename W, typename Y, typename Gemm = CentredPairs>
void qconv_im2col_parallel(KernelContext& ctx, const QconvShape& s, int64_t group, const portable::QconvOperands& ops) {
  ctx.parallel_for(qconv_items<Gemm>(s, ops.x->dims[0], group),
                   [&](int64_t begin, int64_t end) { qconv_im2col_run<X, W, Y, Gemm>(s, group, ops, begin, end); });
}

// Y: the output's type, uint8_t or int8_t (the variant's dtype).
template <typename Y>
Error qconv_im2col_avx2(KernelContext& ctx) {
  portable::QconvOperands ops{};
  int64_t group = 1;
  QconvShape s{};
  if (Error e = simd::read_qconv_im2col(ctx, std::is_signed_v<Y> ? DType::i8 : DType::u8, &ops, &s, &group); e != Error::ok) return e;
  if (ops.y->numel == 0) return Error::ok;
  portable::with_8bit_types(ops.x->dtype, ops.w->dtype, [&](auto x_type, auto w_type) {
    qconv_im2col_parallel<decltype(x_type), decltype(w_type), Y>(ctx, s, group, ops);
  });
  return Error::ok;
}

// qconv.im2col_w7: u8 x, i8 w of zero point 0 whose pairs the compiler
// proved cannot saturate vpmaddubsw (qgemm_w7_pairs.h), on qgemm_w7_avx2.h.
template <typename Y>
Error qconv_im2col_w7_avx2(KernelContext& ctx) {
  portable::QconvOperands ops{};
  int64_t group = 1;
  QconvShape s{};
  if (Error e = simd::read_qconv_im2col(ctx, std::is_signed_v<Y> ? DType::i8 : DType::u8, &ops, &s, &group); e != Error::ok) return e;
  if (ops.x->dtype != DType::u8 || ops.w->dtype != DType::i8) return ctx.fail("expects u8 activations and i8 weights");
  for (size_t i = 0; i < ops.w_zero_point.size; ++i) {
    if (ops.w_zero_point[i] != 0) return ctx.fail("expects weights of zero point 0");
  }
  if (ops.y->numel != 0) qconv_im2col_parallel<uint8_t, int8_t, Y, RawQuads>(ctx, s, group, ops);
  return Error::ok;
}

}  // namespace ingot::rt::x86
