// qmatmul (kernels/portable/qmatmul.cc) with an i32 output, the raw sums
// (--quantize int8-dynamic's products, ONNX MatMulInteger), for a 2-D b and
// many rows of a: a transformer's linear layers, where qmatmul.rows would
// read all of b again for every row.
//
// The tiles of qgemm_avx2.h (exact, as it says) with the roles of a conv:
// a row panel of a (kQRows rows, centred and widened in pairs) is the A
// panel, a block of b's columns the B block (pairs of K interleaved per
// column), packed on the stack once per work item and hot in L2 while every
// row panel of the item passes over it. The tile's sums go to a small
// accumulator block, then to y with the bias. Sums taken in another order
// are the same sums modulo 2^32, so the output is the reference's, byte for
// byte.
//
// Work items: (column block, chunk of kChunkRows rows); each output element
// belongs to one, so the thread count changes nothing.
// Include only from files built with -mavx2.
#pragma once

#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "ingot/kernel.h"
#include "kernels/portable/qmatmul_operands.h"
#include "kernels/x86/qgemm_avx2.h"
#include "kernels/x86/qmatmul_tiled_shape.h"

namespace ingot::rt::x86 {

static_assert(kTiledMaxK == 2 * kTiledPairs / kQCols);
inline constexpr int64_t kTiledMaxCols = 256;  // columns of a B block
inline constexpr int64_t kChunkRows = 8 * kQRows;

struct QmatmulTiling {
  int64_t kp, ldb, col_blocks, row_chunks;

  static QmatmulTiling of(const portable::QmatmulOperands& q) {
    QmatmulTiling t{};
    t.kp = (q.k + 1) / 2;
    const int64_t fit = std::max<int64_t>(kQCols, kTiledPairs / std::max<int64_t>(t.kp, 1) / kQCols * kQCols);
    t.ldb = std::min({fit, kTiledMaxCols, (q.n + kQCols - 1) / kQCols * kQCols});
    t.col_blocks = (q.n + t.ldb - 1) / t.ldb;
    t.row_chunks = (q.rows + kChunkRows - 1) / kChunkRows;
    return t;
  }
};

// Columns j0 .. j0 + width of b rows k0 and k0 + 1 as one pair row of a B
// block, the columns past b's n (up to ldb) as b's zero point, which the
// centring makes 0.
template <typename B>
void pack_b_block_pairs(const portable::QmatmulOperands& q, int64_t k0, int64_t j0, int64_t ldb, int32_t* dst) {
  const B* b = q.b->as<B>();
  const int32_t zero_point = q.b_zero_point_of(0);
  const int64_t width = std::min(ldb, q.n - j0), full = width / kQCols * kQCols;
  const B* r0 = b + k0 * q.n + j0;
  const B* r1 = k0 + 1 < q.k ? r0 + q.n : nullptr;
  pack_b_pairs(r0, r1, zero_point, full, dst);
  if (full == ldb) return;
  B t0[kQCols], t1[kQCols];  // the last, partial group of 16, padded
  for (int64_t j = 0; j < kQCols; ++j) {
    t0[j] = full + j < width ? r0[full + j] : static_cast<B>(zero_point);
    t1[j] = r1 != nullptr && full + j < width ? r1[full + j] : static_cast<B>(zero_point);
  }
  pack_b_pairs(t0, r1 != nullptr ? t1 : nullptr, zero_point, kQCols, dst + full);
  for (int64_t j = full + kQCols; j < ldb; ++j) dst[j] = 0;  // whole groups past n
}

template <typename A, typename B>
void qmatmul_tiled_item(const portable::QmatmulOperands& q, const QmatmulTiling& t, int64_t item) {
  const int64_t j0 = item / t.row_chunks * t.ldb, width = std::min(t.ldb, q.n - j0);
  const int64_t i_begin = item % t.row_chunks * kChunkRows, i_end = std::min(q.rows, i_begin + kChunkRows);
  alignas(32) int32_t b_block[kTiledPairs];
  alignas(32) int32_t a_panel[kQRows * kTiledMaxK / 2];
  alignas(32) int32_t acc[kQRows * kTiledMaxCols];
  for (int64_t p = 0; p < t.kp; ++p) pack_b_block_pairs<B>(q, 2 * p, j0, t.ldb, b_block + p * t.ldb);
  const int32_t* bias = q.bias != nullptr ? q.bias->as<int32_t>() + j0 : nullptr;
  const portable::Requantization raw_sums;  // not applied: the tiles do not finish (finish = false)
  for (int64_t i0 = i_begin; i0 < i_end; i0 += kQRows) {
    const int64_t rows = std::min<int64_t>(kQRows, i_end - i0);
    for (int64_t r = 0; r < rows; ++r) pack_a_row(q.a->as<A>() + (i0 + r) * q.k, q.k, q.a_zero_point, a_panel + r * t.kp);
    QgemmArgs g;
    g.a = a_panel;
    g.lda = t.kp;
    g.rows = rows;
    g.kp = t.kp;
    g.b = b_block;
    g.ldb = t.ldb;
    g.cols = width;
    g.acc = acc;
    g.finish = false;
    g.out.requant = &raw_sums;
    qgemm<MaddPairs, uint8_t>(g);
    for (int64_t r = 0; r < rows; ++r) {
      int32_t* y = q.y->as<int32_t>() + (i0 + r) * q.n + j0;
      const int32_t* sums = acc + r * t.ldb;
      int64_t j = 0;
      for (; bias != nullptr && j + 8 <= width; j += 8) {
        const __m256i s = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(sums + j));
        const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bias + j));
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(y + j), _mm256_add_epi32(s, c));
      }
      for (; j < width; ++j) {  // wrapping, as the reference's sums
        y[j] = static_cast<int32_t>(static_cast<uint32_t>(sums[j]) + static_cast<uint32_t>(bias != nullptr ? bias[j] : 0));
      }
    }
  }
}

inline Error qmatmul_tiled_i32_avx2(KernelContext& ctx) {
  portable::QmatmulOperands q;
  if (Error e = portable::read_qmatmul_2d(ctx, DType::i32, &q); e != Error::ok) return e;
  if (q.b_zero_point.size > 1) return ctx.fail("this variant takes one zero point for b, not one per column");
  if (q.k > kTiledMaxK) return ctx.fail("this variant takes K up to %lld", static_cast<long long>(kTiledMaxK));
  if (q.y->numel == 0) return Error::ok;
  if (q.k == 0) {  // no products: the bias, or zeros
    for (int64_t i = 0; i < q.rows; ++i) {
      int32_t* y = q.y->as<int32_t>() + i * q.n;
      if (q.bias != nullptr) std::memcpy(y, q.bias->as<int32_t>(), static_cast<size_t>(q.n) * sizeof(int32_t));
      else std::memset(y, 0, static_cast<size_t>(q.n) * sizeof(int32_t));
    }
    return Error::ok;
  }
  const QmatmulTiling tiling = QmatmulTiling::of(q);
  portable::with_8bit_types(q.a->dtype, q.b->dtype, [&](auto a_type, auto b_type) {
    using A = decltype(a_type);
    using B = decltype(b_type);
    ctx.parallel_for(tiling.col_blocks * tiling.row_chunks, [&](int64_t begin, int64_t end) {
      for (int64_t item = begin; item < end; ++item) qmatmul_tiled_item<A, B>(q, tiling, item);
    });
  });
  return Error::ok;
}

}  // namespace ingot::rt::x86
