// Winograd F(4x4, 3x3) (Lavin & Gray, "Fast Algorithms for Convolutional
// Neural Networks", 2015): a 4x4 block of a 3x3 convolution's outputs from a
// 6x6 block of its input as
//
//   Y = A^T [ (G g G^T) . (B^T d B) ] A      (. elementwise, per channel summed)
//
// 36 multiplications per (output channel, input channel, 16 outputs) where
// the direct convolution takes 144. The elementwise products summed over
// the input channels are 36 independent GEMMs, one per tile position:
// M[xi] (K x tiles) = U[xi] (K x C) * V[xi] (C x tiles).
//
// This header is the part the compiler, the kernels and the tests share
// (plain C++, no intrinsics): the matrices, the weight transform U = G g G^T
// that the pack-weights pass applies at compile time, and the layout of the
// transformed weights in the constant segment: position by position, each a
// K x C matrix in the GEMM's row panels of pack_f32.h (mr rows, k-major), so
// U[xi] starts at xi * K * C. The constant is recorded as [K, C, 6, 6]: the
// 36 transformed values per (k, c), 4x the 3x3 weights. The node says
// `packed = "wino6mr12"` (tile 6, panels of 12 rows).
//
// Points 0, +-1, +-2, +-1/2 and infinity, the usual choice for F(4, 3): the
// transforms' coefficients are at most 8 (A) and 5 (B), so f32 rounding
// grows by about two decimal digits over the direct sum (measured in
// tests/runtime/kernels/simd_winograd_test.cc and with bench/zoo_check.py).
#pragma once

#include <cstdint>
#include <string_view>

#include "kernels/simd/pack_f32.h"

namespace ingot::rt::simd {

inline constexpr int64_t kWinoTile = 6;   // input tile: 4 outputs + 3 taps - 1
inline constexpr int64_t kWinoOut = 4;    // output tile
inline constexpr int64_t kWinoPoints = kWinoTile * kWinoTile;  // 36 GEMMs

// The kernel's scratch for the transformed input of a block of T tiles,
// per tile position: C * T floats (V is 36x that, 576 KiB). At least one
// tile per block: at most this many input channels (the compiler selects
// the kernel within that).
inline constexpr int64_t kWinoVFloats = 4096;
inline constexpr int64_t kWinoMaxChannels = kWinoVFloats;

// G (6 x 3): the filter transform.
inline constexpr double kWinoG[6][3] = {
    {1.0 / 4, 0, 0},
    {-1.0 / 6, -1.0 / 6, -1.0 / 6},
    {-1.0 / 6, 1.0 / 6, -1.0 / 6},
    {1.0 / 24, 1.0 / 12, 1.0 / 6},
    {1.0 / 24, -1.0 / 12, 1.0 / 6},
    {0, 0, 1},
};

// The `packed` attribute of a Winograd node for panels of mr rows
// ("wino6mr12"), and its reading: mr, 0 when the attribute is not a
// Winograd one, -1 when it is malformed.
inline constexpr std::string_view kWinoPrefix = "wino6";

inline int64_t wino_packed_rows(const char* attr) {
  if (attr == nullptr || std::string_view(attr).substr(0, kWinoPrefix.size()) != kWinoPrefix) return 0;
  const int64_t rows = packed_attr(attr + kWinoPrefix.size(), 'm');
  return rows > 0 ? rows : -1;
}

// out[36 * K * C] = U of w [K, C, 3, 3] in the layout above (mr rows per
// panel). Sums in double: the transform runs once, at compile time.
inline void winograd_transform_weights(const float* w, int64_t k, int64_t c, int64_t mr, float* out) {
  for (int64_t kc = 0; kc < k * c; ++kc) {
    const float* g = w + kc * 9;
    double gg[6][3];  // G g
    for (int i = 0; i < 6; ++i) {
      for (int j = 0; j < 3; ++j) gg[i][j] = kWinoG[i][0] * g[j] + kWinoG[i][1] * g[3 + j] + kWinoG[i][2] * g[6 + j];
    }
    const int64_t row = kc / c, col = kc % c;
    const int64_t i0 = row / mr * mr, h = k - i0 < mr ? k - i0 : mr;  // row's panel and its height
    for (int i = 0; i < 6; ++i) {
      for (int j = 0; j < 6; ++j) {
        const double u = gg[i][0] * kWinoG[j][0] + gg[i][1] * kWinoG[j][1] + gg[i][2] * kWinoG[j][2];
        float* matrix = out + (i * 6 + j) * k * c;
        matrix[i0 * c + col * h + (row - i0)] = static_cast<float>(u);
      }
    }
  }
}

}  // namespace ingot::rt::simd
