// When the u8 x i8 GEMM of qgemm_w7_avx2.h is exact: vpmaddubsw multiplies
// u8 activations by i8 weights in pairs of K and adds each pair into an i16
// that saturates. With x in [0, 255], the pair (w0, w1) of a row of weights
// can only reach 255 * (max(w0, 0) + max(w1, 0)) and -255 * (max(-w0, 0) +
// max(-w1, 0)); the sum is exact when both bounds lie in [-2^15, 2^15).
// Weights in [-64, 64] always fit (7-bit weights, `--weight-bits 7`);
// others may, pair by pair, and the compiler's pair-safe 8-bit weights
// (`--weight-bits 8-pair-safe`, compiler/weight_pair_fit.h) are moved until
// they do. The compiler checks every pair of the constant
// weights before it selects the kernel (compiler/kernel_variants.cc).
// Plain C++: the compiler includes it.
#pragma once

#include <cstdint>

namespace ingot::rt::x86 {

inline bool w7_pair_fits(int32_t w0, int32_t w1) {
  const int32_t up = 255 * ((w0 > 0 ? w0 : 0) + (w1 > 0 ? w1 : 0));
  const int32_t down = 255 * ((w0 < 0 ? -w0 : 0) + (w1 < 0 ? -w1 : 0));
  return up <= 32767 && down <= 32768;
}

// Every pair (w[r, 2i], w[r, 2i + 1]) of `rows` rows of k weights (the
// last of an odd row pairs with 0, as the kernel pads it): the kernel's
// pairs, since its quads of K start at multiples of 4 of each row.
inline bool w7_pairs_fit(const int8_t* w, int64_t rows, int64_t k) {
  for (int64_t r = 0; r < rows; ++r) {
    const int8_t* row = w + r * k;
    for (int64_t i = 0; i < k; i += 2) {
      if (!w7_pair_fits(row[i], i + 1 < k ? row[i + 1] : 0)) return false;
    }
  }
  return true;
}

}  // namespace ingot::rt::x86
