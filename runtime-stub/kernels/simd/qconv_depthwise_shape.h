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

}  // namespace ingot::rt::simd
