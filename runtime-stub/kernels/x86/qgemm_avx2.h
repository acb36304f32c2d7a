// The int8 GEMM of the AVX2 integer kernels (qconv_im2col_avx2.h):
// y[m, j] = requantize(bias[m] + sum over k of a[m, k] * b[k, j]) with a and
// b the zero-point-centred operands, exactly as the reference kernels
// compute it.
//
// Why it is exact: a centred 8-bit value (x - x_zero_point, w -
// w_zero_point) lies in [-255, 255], so it fits an i16, and vpmaddwd
// multiplies pairs of i16 into an i32 sum of two products (|sum| <= 2 *
// 255^2, far from its one saturating case, two products of -2^15). The i32
// accumulators wrap like the reference's, and a sum taken in another order
// is the same sum modulo 2^32. (vpmaddubsw, u8 x i8 into a saturating i16
// pair sum, would be twice as fast but saturates: 2 * 255 * 127 > 2^15.)
//
// Both operands therefore go in pairs of K: element (k, k + 1) of a row of
// a, or of a column of b, is one i32 holding two i16 (k in the low half).
//   A panel: [rows][kp] pairs, row-major (a row of weights widened in
//            place, no transpose): each row's pair is broadcast.
//   B block: [kp][ldb] pairs, ldb columns (a multiple of 16): a tile's 16
//            columns are two vectors.
// A tile is kQRows x 16 outputs in 12 accumulators (of 16 ymm registers),
// and a pair of K costs 2 loads, kQRows broadcasts, 12 vpmaddwd and 12
// vpaddd for 192 multiply-adds; a panel's last tile is 8 columns wide where
// no more are left.
//
// The tile loop is shared with the faster GEMM of qgemm_w7_avx2.h (raw u8
// quads against 7-bit weights on vpmaddubsw): a `Mac` policy says how one
// unit of K (a pair here, a quad there) is multiplied into the accumulators
// and how many rows a tile has.
//
// Include only from files built with -mavx2.
#pragma once

#include <immintrin.h>

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "kernels/portable/requantize.h"
#include "kernels/x86/requantize_avx2.h"

namespace ingot::rt::x86 {

inline constexpr int kQRows = 6;
inline constexpr int64_t kQCols = 16;

// The output side of one A panel: where its rows' results go.
struct QgemmOutput {
  int64_t m0 = 0;                      // the panel's first row in the node's output channels
  const int32_t* bias = nullptr;       // bias[m0 + r], or null
  const portable::Requantization* requant = nullptr;
  void* y = nullptr;                   // row r, column j at y + r * ldy + j (8-bit elements)
  int64_t ldy = 0;
};

// One A panel against one B block: `rows` (<= kQRows) rows of kp pairs at
// a (lda pairs apart), cols (<= ldb) columns of b. The accumulators start
// at zero or, with `accumulate`, from acc (i32 [rows][ldb]); `finish` writes
// the requantized outputs, otherwise the sums go back to acc for the next
// block of K.
struct QgemmArgs {
  const int32_t* a = nullptr;
  int64_t lda = 0, rows = 0, kp = 0;
  const int32_t* b = nullptr;
  int64_t ldb = 0, cols = 0;
  int32_t* acc = nullptr;
  const int32_t* row_start = nullptr;  // added to row r's sums of this block (null: nothing)
  bool accumulate = false, finish = true;
  QgemmOutput out;
};

// What a row of tiles needs to finish: its bias and requantization as
// vectors, worked out once per panel.
struct RowEpilogue {
  __m256i bias;
  RowRequant requant;

  static RowEpilogue of(const QgemmOutput& out, int64_t r) {
    const portable::Requantization& q = *out.requant;
    const int64_t m = out.m0 + r;
    const size_t i = q.multiplier.size == 1 ? 0 : static_cast<size_t>(m);
    return {_mm256_set1_epi32(out.bias != nullptr ? out.bias[m] : 0),
            RowRequant::of(static_cast<int32_t>(q.multiplier[i]), static_cast<int32_t>(q.shift[i]))};
  }
};

// bias, requantization, zero point and clamp of the 8 columns of a tile's
// row in v.
inline __m256i qgemm_finish_8(__m256i v, const RowEpilogue& e, const OutputRange& range) {
  return range.apply(e.requant.apply(_mm256_add_epi32(v, e.bias)));
}

// The bytes of one row of a tile, Vecs x 8 columns in v, of which n are
// stored (the columns the tile holds). Inlined: a call per row of a tile
// costs as much as a short K's multiplies.
template <int Vecs, typename Y>
[[gnu::always_inline]] inline void qgemm_store_row(const __m256i* v, const RowEpilogue& e, const OutputRange& range, Y* y,
                                                   int64_t n) {
  const __m256i v0 = qgemm_finish_8(v[0], e, range);
  const __m256i v1 = Vecs == 2 ? qgemm_finish_8(v[Vecs - 1], e, range) : v0;
  const __m128i bytes = narrow_16<std::is_signed_v<Y>>(v0, v1);
  if (n >= kQCols) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(y), bytes);
  } else if (n == kQCols / 2) {
    _mm_storel_epi64(reinterpret_cast<__m128i*>(y), bytes);
  } else {
    alignas(16) Y tail[kQCols];
    _mm_store_si128(reinterpret_cast<__m128i*>(tail), bytes);
    std::memcpy(y, tail, static_cast<size_t>(n));
  }
}

// One pair of K of zero-point-centred i16 operands (the layout above).
struct MaddPairs {
  static constexpr int kRows = kQRows;
  static __m256i mac(__m256i acc, __m256i a, __m256i b) { return _mm256_add_epi32(acc, _mm256_madd_epi16(a, b)); }
};

// One tile of the panel: Rows rows (a compile-time count, so that the
// accumulators stay in registers) x Vecs vectors of 8 columns from j0.
template <int Rows, int Vecs, typename Mac, typename Y>
[[gnu::always_inline]] inline void qgemm_tile(const QgemmArgs& g, int64_t j0, const RowEpilogue* epilogue, const OutputRange& range) {
  __m256i acc[Rows][Vecs];
#pragma GCC unroll 6
  for (int r = 0; r < Rows; ++r) {
    const __m256i start = _mm256_set1_epi32(g.row_start != nullptr ? g.row_start[r] : 0);
    for (int v = 0; v < Vecs; ++v) {
      acc[r][v] = g.accumulate ? _mm256_add_epi32(start, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(g.acc + r * g.ldb + j0 + 8 * v)))
                               : start;
    }
  }
  const int32_t* b = g.b + j0;
  for (int64_t p = 0; p < g.kp; ++p, b += g.ldb) {
    __m256i bv[Vecs];
    for (int v = 0; v < Vecs; ++v) bv[v] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + 8 * v));
#pragma GCC unroll 6
    for (int r = 0; r < Rows; ++r) {
      const __m256i a = _mm256_set1_epi32(g.a[r * g.lda + p]);
      for (int v = 0; v < Vecs; ++v) acc[r][v] = Mac::mac(acc[r][v], a, bv[v]);
    }
  }
#pragma GCC unroll 6
  for (int r = 0; r < Rows; ++r) {
    if (g.finish) {
      qgemm_store_row<Vecs, Y>(acc[r], epilogue[r], range, static_cast<Y*>(g.out.y) + r * g.out.ldy + j0, g.cols - j0);
    } else {
      for (int v = 0; v < Vecs; ++v) _mm256_storeu_si256(reinterpret_cast<__m256i*>(g.acc + r * g.ldb + j0 + 8 * v), acc[r][v]);
    }
  }
}

// The panel's tiles: 16 columns each, the last one 8 where no more are left
// (a plane of 7 x 7 is three tiles and a half, not four).
template <int Rows, typename Mac, typename Y>
void qgemm_panel(const QgemmArgs& g) {
  RowEpilogue epilogue[Rows]{};  // set only for `finish`
  const OutputRange range = OutputRange::broadcast(g.out.requant->zero_point, g.out.requant->lo, g.out.requant->hi);
  if (g.finish) {
    for (int r = 0; r < Rows; ++r) epilogue[r] = RowEpilogue::of(g.out, r);
  }
  int64_t j0 = 0;
  for (; j0 + kQCols / 2 < g.cols; j0 += kQCols) qgemm_tile<Rows, 2, Mac, Y>(g, j0, epilogue, range);
  if (j0 < g.cols) qgemm_tile<Rows, 1, Mac, Y>(g, j0, epilogue, range);
}

// g.rows <= Mac::kRows (4 or 6).
template <typename Mac, typename Y>
void qgemm(const QgemmArgs& g) {
  static_assert(Mac::kRows == 4 || Mac::kRows == 6);
  switch (g.rows) {
    case 1: return qgemm_panel<1, Mac, Y>(g);
    case 2: return qgemm_panel<2, Mac, Y>(g);
    case 3: return qgemm_panel<3, Mac, Y>(g);
    case 4: return qgemm_panel<4, Mac, Y>(g);
    default:
      if constexpr (Mac::kRows == 6) {
        if (g.rows == 5) return qgemm_panel<5, Mac, Y>(g);
        return qgemm_panel<6, Mac, Y>(g);
      }
  }
}

// The widening of 16 8-bit values to i16.
inline __m256i widen_16(const uint8_t* p) { return _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))); }
inline __m256i widen_16(const int8_t* p) { return _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))); }

// dst[p] = (w[2p] - zero_point, w[2p + 1] - zero_point) for 2p < k: one row
// of an A panel. An odd k leaves the last pair's upper half 0 (its partner
// in b is 0 as well, the B block's padding row).
template <typename W>
void pack_a_row(const W* w, int64_t k, int32_t zero_point, int32_t* dst) {
  const __m256i zp = _mm256_set1_epi16(static_cast<int16_t>(zero_point));
  int64_t i = 0;
  for (; i + 16 <= k; i += 16) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i / 2), _mm256_sub_epi16(widen_16(w + i), zp));
  }
  for (; i < k; i += 2) {
    const int32_t lo = int32_t{w[i]} - zero_point;
    const int32_t hi = i + 1 < k ? int32_t{w[i + 1]} - zero_point : 0;
    dst[i / 2] = static_cast<int32_t>((static_cast<uint32_t>(hi) << 16) | (static_cast<uint32_t>(lo) & 0xFFFFu));
  }
}

// One pair row of a B block: dst[j] = (r0[j] - zero_point, r1[j] -
// zero_point) for j < width (a multiple of 16), r1 null for the zero row
// that pads an odd K.
template <typename X>
void pack_b_pairs(const X* r0, const X* r1, int32_t zero_point, int64_t width, int32_t* dst) {
  const __m256i zp = _mm256_set1_epi16(static_cast<int16_t>(zero_point));
  for (int64_t j = 0; j < width; j += 16) {
    const __m256i a = _mm256_sub_epi16(widen_16(r0 + j), zp);
    const __m256i b = r1 != nullptr ? _mm256_sub_epi16(widen_16(r1 + j), zp) : _mm256_setzero_si256();
    const __m256i lo = _mm256_unpacklo_epi16(a, b);  // columns 0-3 | 8-11
    const __m256i hi = _mm256_unpackhi_epi16(a, b);  // columns 4-7 | 12-15
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + j), _mm256_permute2x128_si256(lo, hi, 0x20));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + j + 8), _mm256_permute2x128_si256(lo, hi, 0x31));
  }
}

}  // namespace ingot::rt::x86
