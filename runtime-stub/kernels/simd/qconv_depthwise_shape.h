// The geometry of the depthwise qconv (qconv_depthwise.h, on AVX2 and
// NEON): its padded plane on the stack and which convolutions fit it. Plain
// C++, no intrinsics: the compiler's kernel selection
// (compiler/kernel_variants.cc) asks qdw_fits too.
#pragma once

#include <algorithm>
#include <cstdint>

namespace ingot::rt::simd {

inline constexpr int64_t kDwMaxTaps = 64;
inline constexpr int64_t kDwSlack = 32;                // columns past a padded row that 16-wide loads may read
inline constexpr int64_t kDwPlaneBytes = 96 * 1024;   // the padded plane on the stack
inline constexpr int64_t kDwMaxRowWidth = 1024;        // row_width(): a padded row of stride 2 is split from 2x that

struct QdwShape {
  int64_t h, w, oh, ow, kh, kw, stride, pt, pl;

  // Columns of one stored row (per phase with stride 2), loads' slack included.
  int64_t row_width() const { return (std::max(w + pl, (ow - 1) * stride + kw) + stride - 1) / stride + kDwSlack; }
  int64_t padded_rows() const { return std::max(h + pt, (oh - 1) * stride + kh); }
  int64_t plane_bytes() const { return padded_rows() * stride * row_width(); }
};

// Whether the kernel takes this depthwise convolution (the compiler asks too).
inline bool qdw_fits(const QdwShape& s) {
  return (s.stride == 1 || s.stride == 2) && s.kh * s.kw <= kDwMaxTaps && s.plane_bytes() <= kDwPlaneBytes &&
         s.row_width() <= kDwMaxRowWidth;
}

// The channel-interleaved kernel (qconv_depthwise_interleaved.h): blocks of
// kQdwiLanes channels, a band of padded input rows of a block in a stack
// buffer of kQdwiShorts i16 ([row][column][channel]).
inline constexpr int64_t kQdwiLanes = 16;
inline constexpr int64_t kQdwiShorts = 32768;  // 64 KiB

// Columns of a buffer row: the padded input columns the outputs read.
inline int64_t qdwi_cols(const QdwShape& s) { return (s.ow - 1) * s.stride + s.kw; }

// Output rows per band: as many as the buffer holds the input rows of.
inline int64_t qdwi_band(const QdwShape& s) {
  const int64_t rows = kQdwiShorts / (qdwi_cols(s) * kQdwiLanes);
  return std::min(s.oh, (rows - s.kh) / s.stride + 1);
}

// Whether the interleaved kernel takes the shape: 3x3 or 5x5 taps, stride 1
// or 2, pads that do not crop, and one output row's input rows in the buffer.
inline bool qdwi_fits(const QdwShape& s) {
  if (s.kh != s.kw || (s.kh != 3 && s.kh != 5) || (s.stride != 1 && s.stride != 2)) return false;
  if (s.pt < 0 || s.pl < 0 || s.oh < 1 || s.ow < 1 || s.h < 1 || s.w < 1 || s.ow > kQdwiShorts) return false;
  return qdwi_cols(s) * s.kh * kQdwiLanes <= kQdwiShorts;
}

}  // namespace ingot::rt::simd
