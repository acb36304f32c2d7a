// The packed weight layouts of the GEMM's operands: A (conv weights, M x K)
// in row panels, B (matmul and gemm weights, K x N) in column panels; what
// the compiler writes into the constant segment for the `*_packed`
// kernel variants, so that the runtime never repacks. Plain C++, no
// intrinsics: the compiler (passes/pack_constant_weights.cc), the kernels
// and the tests all include it.
//
// Rows go in panels of mr (the microkernel's rows, V::kRows of the ISA):
// panel q holds rows [q * mr, q * mr + h), h = min(mr, M - q * mr), stored
// k-major ([K][h]) at offset q * mr * K, so the microkernel broadcasts its
// h weights of one k from consecutive floats and walks the panel forwards.
// The last panel is exactly as tall as its rows (no zero padding): the
// packed matrix has the M * K floats of the original, so the constant keeps
// its shape and size (the verifier, the MAC count and the report see the
// logical weights; the kernel name says the order of their elements).
// Grouped convolutions pack each group's M/group x K block on its own, at
// the group's own offset.
//
// B goes in panels of nr = 2 * V::kLanes columns (the microkernel's NR):
// panel q holds columns [q * nr, q * nr + w), w = min(nr, N - q * nr),
// stored [K][w] at offset q * nr * K, so a tile's B rows are consecutive
// vectors; the last panel again as wide as its columns. The node says
// `packed = "nr32"`.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace ingot::rt::simd {

// Rows of the GEMM microkernel per ISA (V::kRows: vec_avx2.h, vec_avx512.h,
// vec_neon.h assert that they agree); 0 for an ISA without packed kernels.
constexpr int64_t packed_rows(std::string_view isa) {
  if (isa == "avx2") return 6;
  if (isa == "avx512") return 12;
  if (isa == "neon") return 8;
  return 0;
}

// Columns of the GEMM microkernel per ISA (2 * V::kLanes, NR).
constexpr int64_t packed_cols(std::string_view isa) {
  if (isa == "avx2") return 16;
  if (isa == "avx512") return 32;
  if (isa == "neon") return 8;
  return 0;
}

// The `packed` attribute the compiler sets on a node whose weights it
// packed: "mr6" for row panels of 6 (side 'm'), "nr32" for column panels of
// 32 (side 'n'). packed_attr reads the count back (0 when absent, -1 when
// malformed or of the other side): a packed kernel checks it is its own.
inline int64_t packed_attr(const char* attr, char side) {
  if (attr == nullptr || attr[0] == '\0') return 0;
  if (attr[0] != side || attr[1] != 'r' || attr[2] == '\0') return -1;
  int64_t rows = 0;
  for (const char* c = attr + 2; *c != '\0'; ++c) {
    if (*c < '0' || *c > '9' || rows > 1000) return -1;
    rows = rows * 10 + (*c - '0');
  }
  return rows;
}

// out[M * K] = the panels of a (rows lda apart, elements of a row a_step
// apart: 1 for row-major weights; the plane size for the pixels x channels
// of an NCHW image row, expand_depthwise_f32.h's A).
inline void pack_a_panels(const float* a, int64_t m, int64_t k, int64_t lda, int64_t mr, float* out, int64_t a_step = 1) {
  for (int64_t i0 = 0; i0 < m; i0 += mr) {
    const int64_t h = m - i0 < mr ? m - i0 : mr;
    float* panel = out + i0 * k;
    for (int64_t p = 0; p < k; ++p) {
      for (int64_t r = 0; r < h; ++r) panel[p * h + r] = a[(i0 + r) * lda + p * a_step];
    }
  }
}

// out[K * N] = the column panels of b (row-major [K, N]).
inline void pack_b_panels(const float* b, int64_t k, int64_t n, int64_t nr, float* out) {
  for (int64_t j0 = 0; j0 < n; j0 += nr) {
    const int64_t w = n - j0 < nr ? n - j0 : nr;
    float* panel = out + j0 * k;
    for (int64_t p = 0; p < k; ++p) std::memcpy(panel + p * w, b + p * n + j0, static_cast<size_t>(w) * sizeof(float));
  }
}

// Conv weights [groups * m, K] (K = C/group * kh * kw) packed group by group.
inline void pack_conv_weights(const float* w, int64_t groups, int64_t m, int64_t k, int64_t mr, float* out) {
  for (int64_t g = 0; g < groups; ++g) pack_a_panels(w + g * m * k, m, k, k, mr, out + g * m * k);
}

}  // namespace ingot::rt::simd
