// rows[i][j] becomes rows[j][i] for a 16 x 16 matrix of bytes in 16 vectors
// of 16 bytes, on any ISA whose interleaves of the low and high halves of two
// vectors (x86 punpckl/h, NEON zip1/zip2) the traits Z name:
// Z::zip<W, false>(a, b) = a0 b0 a1 b1 ... of the low halves in W-byte
// elements, Z::zip<W, true> the same of the high halves. Four rounds of the perfect
// shuffle (row 2i + h of a round is zip<W, h> of rows i and i + 8 of the last),
// each of which rotates the 8 bits (row, column) of a byte's index one place
// left past the bits within the round's element; starting from the rows in
// bit-reversed order, the four rounds end on the transpose. Used by the
// channel-interleaved int8 depthwise kernel (qconv_depthwise_interleaved.h).
#pragma once

namespace ingot::rt::simd {

template <class Z, int kWidth>
inline void zip_round(const typename Z::Bytes* in, typename Z::Bytes* out) {
#pragma GCC unroll 8
  for (int i = 0; i < 8; ++i) {
    out[2 * i] = Z::template zip<kWidth, false>(in[i], in[i + 8]);
    out[2 * i + 1] = Z::template zip<kWidth, true>(in[i], in[i + 8]);
  }
}

template <class Z>
__attribute__((always_inline)) inline void transpose_16x16_bytes(typename Z::Bytes rows[16]) {
  static constexpr int kBitReversed[16] = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};
  typename Z::Bytes a[16], b[16];
#pragma GCC unroll 16
  for (int i = 0; i < 16; ++i) a[i] = rows[kBitReversed[i]];
  zip_round<Z, 1>(a, b);
  zip_round<Z, 2>(b, a);
  zip_round<Z, 4>(a, b);
  zip_round<Z, 8>(b, rows);
}

}  // namespace ingot::rt::simd
