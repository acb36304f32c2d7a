// The f32 matrix product behind the SIMD matmul, gemm and pointwise-conv
// kernels: C[M,N] = A[M,K] * B[K,N] (row-major, with leading dimensions),
// plus a bias per row or per column and a fused activation (relu, clip or
// silu: fused_activation.h), for one vector ISA. Each ISA file supplies a
// microkernel traits type V:
//
//   V::kLanes, V::Vec, V::Mask     lanes per register, register and lane-mask types
//   V::kRows                       rows of C per microkernel (MR); columns are 2 * kLanes (NR)
//   zero(), set1(f), load(p), store(p, v), mask(n), load(p, m), store(p, v, m),
//   fmadd(a, b, c) = a * b + c, add(a, b), clamp(v, lo, hi), and
//   what silu needs (unary_f32.h)
//
// Loop order: a panel of NR columns of B is reused for every MR-row block of
// A while it is hot in L1; each C tile stays in registers for its K block
// and is written once per block, with the bias and activation applied after
// the last. Products of more than one row tile are cache-blocked, with B's
// panels copied into a contiguous buffer (gemm_blocked_f32).
//
// A may come packed (GemmArgs::a_packed, the layout of pack_f32.h, written
// by the compiler for the `*_packed` conv variants): each MR-row panel is
// k-major, so a tile's broadcasts walk one contiguous stream.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

#include "kernels/simd/fused_activation.h"
#include "kernels/simd/unroll.h"

namespace ingot::rt::simd {

struct GemmArgs {
  int64_t m = 0, n = 0, k = 0;
  const float* a = nullptr;
  int64_t lda = 0;
  int64_t a_step = 1;  // distance between A[i][p] and A[i][p + 1] (conv weights read across kernel taps)
  const float* b = nullptr;
  int64_t ldb = 0;
  float* c = nullptr;
  int64_t ldc = 0;
  const float* bias_row = nullptr;  // bias[i] added to row i (pointwise conv)
  const float* bias_col = nullptr;  // bias[j] added to column j (matmul, gemm)
  Activation act;                   // applied to the finished sums
  bool accumulate = false;          // C += A * B (the bias and activation are then the caller's)
  // Every row of B may be read 2 * V::kLanes columns past the last one (a
  // packed buffer): a partial tile then loads B whole and masks only C.
  bool b_padded = false;
  // A packed in row panels of V::kRows (pack_f32.h): the panel holding rows
  // i0.. starts at a + i0 * lda (lda = the packed matrix's K), and its
  // element (row r, k) lies at panel[k * h + r], h the panel's height (V::kRows
  // but for the last panel). a_k0: the first k of this call (K blocks).
  bool a_packed = false;
  int64_t a_k0 = 0;
  // B packed in column panels of 2 * V::kLanes (pack_f32.h): the panel of
  // columns j0.. starts at b + j0 * ldb (ldb = K), rows as wide as the panel.
  bool b_packed = false;
};

// Moves g's K origin forward by p0 (a K block starting p0 further on).
inline void skip_k(GemmArgs& g, int64_t p0) {
  if (g.a_packed) {
    g.a_k0 += p0;
  } else {
    g.a += p0 * g.a_step;
  }
}

// One MR x NR tile (rows <= V::kRows, cols <= 2 * V::kLanes). kFull: all
// 2 * kLanes columns, loaded and stored without masks. kWholeB: B read
// without masks although the tile is partial (GemmArgs::b_padded); masked
// loads in the inner loop cost several times plain ones on some CPUs.
// kPackedA: A in panels (GemmArgs::a_packed), the tile's kRows weights of
// one k consecutive. The loops over the tile's rows are unrolled by force:
// the accumulators must live in registers (GCC's own heuristics left them
// on the stack once this function grew, halving the GEMM's speed).
template <typename V, int kRows, bool kFull, bool kWholeB = kFull, bool kPackedA = false>
void gemm_tile(const GemmArgs& g, int64_t i0, int64_t j0, int64_t cols) {
  using Vec = typename V::Vec;
  const auto mask0 = V::mask(cols);
  const auto mask1 = V::mask(cols - V::kLanes);
  auto load0 = [&](const float* p) { return kFull ? V::load(p) : V::load(p, mask0); };
  auto load1 = [&](const float* p) { return kFull ? V::load(p + V::kLanes) : V::load(p + V::kLanes, mask1); };
  auto load_b0 = [&](const float* p) { return kWholeB ? V::load(p) : load0(p); };
  auto load_b1 = [&](const float* p) { return kWholeB ? V::load(p + V::kLanes) : load1(p); };
  Vec acc0[kRows], acc1[kRows];
  INGOT_UNROLL
  for (int r = 0; r < kRows; ++r) {
    if (g.accumulate) {
      acc0[r] = load0(g.c + (i0 + r) * g.ldc + j0);
      acc1[r] = load1(g.c + (i0 + r) * g.ldc + j0);
    } else {
      acc0[r] = acc1[r] = V::zero();
    }
  }
  const float* b = g.b + j0;
  auto step = [&](const float* a_k, const float* b_k) {
    const Vec b0 = load_b0(b_k);
    const Vec b1 = load_b1(b_k);
    INGOT_UNROLL
    for (int r = 0; r < kRows; ++r) {
      const Vec ar = V::set1(a_k[r]);
      acc0[r] = V::fmadd(ar, b0, acc0[r]);
      acc1[r] = V::fmadd(ar, b1, acc1[r]);
    }
  };
  if constexpr (kPackedA) {
    const float* a = g.a + i0 * g.lda + g.a_k0 * kRows;
    // Two k per iteration: the prefetches without a branch.
    int64_t p = 0;
    for (; p + 2 <= g.k; p += 2, b += 2 * g.ldb, a += 2 * kRows) {
      // Ahead in this panel, and the next panel's same k: the panels of a
      // K block lie a whole panel apart, a stream the hardware does not
      // foresee (weights that come from memory, not cache: resnet18's last
      // stage, 9.4 MB, ran 1.5x slower without it).
      __builtin_prefetch(a + 64 * kRows);
      __builtin_prefetch(a + 2 * kRows * g.lda);
      step(a, b);
      step(a + kRows, b + g.ldb);
    }
    if (p < g.k) step(a, b);
  } else {
    const float* a = g.a + i0 * g.lda;
    for (int64_t p = 0; p < g.k; ++p, b += g.ldb, a += g.a_step) {
      if ((p & 15) == 0) {
        INGOT_UNROLL
        for (int r = 0; r < kRows; ++r) __builtin_prefetch(a + r * g.lda + 64 * g.a_step);
      }
      const Vec b0 = load_b0(b);
      const Vec b1 = load_b1(b);
      INGOT_UNROLL
      for (int r = 0; r < kRows; ++r) {
        const Vec ar = V::set1(a[r * g.lda]);
        acc0[r] = V::fmadd(ar, b0, acc0[r]);
        acc1[r] = V::fmadd(ar, b1, acc1[r]);
      }
    }
  }
  const ActivationRegs<V> activate(g.act);
  Vec col_bias0 = V::zero(), col_bias1 = V::zero();
  if (g.bias_col != nullptr) {
    col_bias0 = load0(g.bias_col + j0);
    col_bias1 = load1(g.bias_col + j0);
  }
  INGOT_UNROLL
  for (int r = 0; r < kRows; ++r) {
    Vec v0 = V::add(acc0[r], col_bias0), v1 = V::add(acc1[r], col_bias1);
    if (g.bias_row != nullptr) {
      const Vec row_bias = V::set1(g.bias_row[i0 + r]);
      v0 = V::add(v0, row_bias);
      v1 = V::add(v1, row_bias);
    }
    v0 = activate(v0);
    v1 = activate(v1);
    float* c = g.c + (i0 + r) * g.ldc + j0;
    if constexpr (kFull) {
      V::store(c, v0);
      V::store(c + V::kLanes, v1);
    } else {
      V::store(c, v0, mask0);
      V::store(c + V::kLanes, v1, mask1);
    }
  }
}

// With a packed A, a partial tile always reads B whole: its B is padded
// (gemm_partial_panel's copy, im2col's panel) or K is 0 and B is not read,
// so the masked-B tiles of packed A are never instantiated (code size).
template <typename V, int kRows, bool kPackedA>
void gemm_tile_cols(const GemmArgs& g, int64_t i0, int64_t j0, int64_t cols) {
  if (cols == 2 * V::kLanes) return gemm_tile<V, kRows, true, true, kPackedA>(g, i0, j0, cols);
  if (kPackedA || g.b_padded) return gemm_tile<V, kRows, false, true, kPackedA>(g, i0, j0, cols);
  gemm_tile<V, kRows, false, false, kPackedA>(g, i0, j0, cols);
}

template <typename V, int kRows>
void gemm_tile_any(const GemmArgs& g, int64_t i0, int64_t j0, int64_t cols) {
  if (g.a_packed) return gemm_tile_cols<V, kRows, true>(g, i0, j0, cols);
  gemm_tile_cols<V, kRows, false>(g, i0, j0, cols);
}

// The last rows of A, fewer than V::kRows: a tile of exactly that height.
template <typename V, int kRows = V::kRows - 1>
void gemm_tail_rows(const GemmArgs& g, int64_t i0, int64_t j0, int64_t cols, int64_t rows) {
  if constexpr (kRows > 0) {
    if (rows == kRows) return gemm_tile_any<V, kRows>(g, i0, j0, cols);
    gemm_tail_rows<V, kRows - 1>(g, i0, j0, cols, rows);
  }
}

// The tiles of one panel of columns [j0, j0 + cols).
template <typename V>
void gemm_panel(const GemmArgs& g, int64_t j0, int64_t cols) {
  int64_t i0 = 0;
  for (; i0 + V::kRows <= g.m; i0 += V::kRows) gemm_tile_any<V, V::kRows>(g, i0, j0, cols);
  if (i0 < g.m) gemm_tail_rows<V>(g, i0, j0, cols, g.m - i0);
}

// The last, partial panel when B has no room past its rows: its columns of
// B are copied, kDepth rows at a time, into a stack buffer of whole vectors,
// so that the inner loop loads B without masks (masked loads cost several
// plain ones on some CPUs: a 7x7 plane's 49 columns are a whole panel and a
// partial one). Between blocks C holds the partial sums, which a float store
// and load leave as they are; the bias and the activation come with the last.
template <typename V>
void gemm_partial_panel(const GemmArgs& g, int64_t j0, int64_t cols) {
  constexpr int64_t kCols = 2 * V::kLanes;
  constexpr int64_t kDepth = 4096 / kCols;  // 16 KiB of B
  alignas(64) float panel[kDepth * kCols];
  const auto mask0 = V::mask(cols), mask1 = V::mask(cols - V::kLanes);
  for (int64_t p0 = 0; p0 < g.k; p0 += kDepth) {
    GemmArgs block = g;
    block.k = g.k - p0 < kDepth ? g.k - p0 : kDepth;
    for (int64_t p = 0; p < block.k; ++p) {
      const float* row = g.b + (p0 + p) * g.ldb + j0;
      V::store(panel + p * kCols, V::load(row, mask0));
      V::store(panel + p * kCols + V::kLanes, V::load(row + V::kLanes, mask1));
    }
    skip_k(block, p0);
    block.b = panel;
    block.ldb = kCols;
    block.b_padded = true;
    block.c = g.c + j0;
    block.bias_col = g.bias_col != nullptr ? g.bias_col + j0 : nullptr;
    block.accumulate = p0 > 0 || g.accumulate;
    if (p0 + block.k < g.k) {
      block.bias_row = block.bias_col = nullptr;
      block.act = Activation{};
    }
    gemm_panel<V>(block, 0, cols);
  }
}

// B as it comes, for products of one row tile (a copy would cost a pass
// over B for a single use): panel by panel, a partial last panel through
// gemm_partial_panel's padded copy unless B has room past its rows.
template <typename V>
void gemm_unblocked_f32(const GemmArgs& g) {
  constexpr int64_t kCols = 2 * V::kLanes;
  const int64_t whole = g.n / kCols * kCols;
  for (int64_t j0 = 0; j0 < whole; j0 += kCols) gemm_panel<V>(g, j0, kCols);
  if (whole == g.n) return;
  if (g.b_padded || g.k == 0) return gemm_panel<V>(g, whole, g.n - whole);
  gemm_partial_panel<V>(g, whole, g.n - whole);
}

// The blocked GEMM (BLIS's loop order, with A packed by the compiler or
// read in place, B packed here):
//
//   for each block of mc rows of A        (mc x kc floats of A stay in L2)
//     for each block of kc rows of K
//       for each panel of NR columns      (B's kc x NR block copied into
//         for each tile of MR rows          one stack buffer: 16 KiB, in L1)
//
// The copy makes the microkernel's B loads one contiguous stream of whole
// vectors: B read in place strides by its row length (a plane of 3136
// floats for a pointwise conv, 2 KiB for a 512-column matrix), so a panel's
// rows fall into a few L1 sets and evict each other for every tile, and a
// partial panel would need masked loads. It costs one load and store per
// element of B per block of rows, against MR x (M / MR) FMAs that read it.
// A B that already is such a panel (Winograd's transformed tiles, a packed
// B's whole panels) is read in place.
//
// C carries the partial sums between K blocks: a float store and load
// leave them as they are, and the blocks depend on K alone, so every
// element is summed in the same order on any number of threads.
inline constexpr int64_t kPanelFloats = 4096;     // B's kc x NR block: 16 KiB
inline constexpr int64_t kBlockAFloats = 65536;   // A's mc x kc block: 256 KiB

// Where B's rows [p0, ..) of columns [j0, j0 + cols) lie, and their stride.
struct BRows {
  const float* rows;
  int64_t stride;
};

inline BRows b_rows(const GemmArgs& g, int64_t p0, int64_t j0, int64_t cols) {
  if (g.b_packed) return {g.b + j0 * g.ldb + p0 * cols, cols};  // panel j0 is [K][cols]
  return {g.b + p0 * g.ldb + j0, g.ldb};
}

template <typename V>
void gemm_blocked_f32(const GemmArgs& g) {
  constexpr int64_t kCols = 2 * V::kLanes;
  constexpr int64_t kMaxDepth = kPanelFloats / kCols;
  const int64_t k_blocks = std::max<int64_t>(1, (g.k + kMaxDepth - 1) / kMaxDepth);
  const int64_t kc = std::max<int64_t>(1, (g.k + k_blocks - 1) / k_blocks);
  const int64_t mc = std::max<int64_t>(1, kBlockAFloats / kc / V::kRows) * V::kRows;
  alignas(64) float panel[kPanelFloats];
  for (int64_t i0 = 0; i0 < g.m; i0 += mc) {
    for (int64_t p0 = 0; p0 == 0 || p0 < g.k; p0 += kc) {
      GemmArgs block = g;
      block.m = std::min(mc, g.m - i0);
      block.k = std::min(kc, g.k - p0);
      block.a = g.a + i0 * g.lda;
      skip_k(block, p0);
      block.b_packed = false;
      block.ldb = kCols;
      block.b_padded = true;
      block.accumulate = p0 > 0 || g.accumulate;
      const bool last = p0 + block.k >= g.k;
      if (!last) {
        block.bias_row = block.bias_col = nullptr;
        block.act = Activation{};
      } else if (g.bias_row != nullptr) {
        block.bias_row = g.bias_row + i0;
      }
      for (int64_t j0 = 0; j0 < g.n; j0 += kCols) {
        const int64_t cols = std::min(kCols, g.n - j0);
        const BRows from = b_rows(g, p0, j0, cols);
        if (from.stride == kCols && (cols == kCols || g.b_padded)) {
          block.b = from.rows;
        } else {
          const auto mask0 = V::mask(cols), mask1 = V::mask(cols - V::kLanes);
          for (int64_t p = 0; p < block.k; ++p) {
            const float* row = from.rows + p * from.stride;
            // The next panel's row: rows a plane apart are a stream the
            // hardware does not foresee, and B from memory would make each
            // copy wait on one line per row.
            if (!g.b_packed) __builtin_prefetch(row + kCols);
            const bool whole = cols == kCols;
            V::store(panel + p * kCols, whole ? V::load(row) : V::load(row, mask0));
            V::store(panel + p * kCols + V::kLanes, whole ? V::load(row + V::kLanes) : V::load(row + V::kLanes, mask1));
          }
          block.b = panel;
        }
        block.n = cols;
        block.c = g.c + i0 * g.ldc + j0;
        if (last && g.bias_col != nullptr) block.bias_col = g.bias_col + j0;
        gemm_panel<V>(block, 0, cols);
      }
    }
  }
}

// One row tile reads each element of B once: no copy, unless B comes in
// packed panels, which only the blocked loop knows.
template <typename V>
void gemm_f32(const GemmArgs& g) {
  if (g.m <= V::kRows && !g.b_packed) return gemm_unblocked_f32<V>(g);
  gemm_blocked_f32<V>(g);
}

}  // namespace ingot::rt::simd
