// The rows of im2col(x) for the integer im2col convolutions
// (../x86/qconv_im2col_avx2.h, ../arm/qconv_im2col_neon.h): the geometry of
// one group's 2-D convolution and row k of its im2col matrix over a chunk of
// output positions, 8-bit elements. Scalar but for one hook: a stride-2
// row takes its even bytes 16 at a time from the ISA (Evens), which is where
// a stem convolution spends its packing time.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "kernels/portable/qconv_operands.h"

namespace ingot::rt::simd {

struct QconvShape {
  int64_t c, h, w;         // input channels of one group, input plane
  int64_t m;               // output channels of one group
  int64_t kh, kw, oh, ow;  // kernel and output plane
  int64_t sh, sw, dh, dw;  // strides, dilations
  int64_t pt, pl;          // padding at the top and left

  int64_t k() const { return c * kh * kw; }
  int64_t n() const { return oh * ow; }
  // im2col(x) is x itself: row k is input plane k.
  bool in_place() const { return kh == 1 && kw == 1 && sh == 1 && sw == 1 && pt == 0 && pl == 0 && oh == h && ow == w; }
};

// A 2-D qconv's operands, checked as the reference checks them, and one
// group's geometry, for an im2col variant that writes only y_dtype.
inline Error read_qconv_im2col(KernelContext& ctx, DType y_dtype, portable::QconvOperands* ops, QconvShape* s, int64_t* group) {
  portable::Window window;
  if (Error e = portable::read_qconv_2d(ctx, y_dtype, ops, &window, group); e != Error::ok) return e;
  const Tensor &x = *ops->x, &w = *ops->w, &y = *ops->y;
  *s = QconvShape{x.dims[1] / *group, x.dims[2], x.dims[3], w.dims[0] / *group, w.dims[2], w.dims[3], y.dims[2], y.dims[3],
                  window.strides[0], window.strides[1], window.dilations[0], window.dilations[1], window.pad_begin(0),
                  window.pad_begin(1)};
  return Error::ok;
}

// Row k of im2col reads input plane `plane` at kernel tap (ky, kx); next()
// is row k + 1.
struct Im2colTap {
  int64_t plane, ky, kx;

  static Im2colTap of(const QconvShape& s, int64_t k) {
    const int64_t taps = s.kh * s.kw;
    return {k / taps, k % taps / s.kw, k % s.kw};
  }
  void next(const QconvShape& s) {
    if (++kx < s.kw) return;
    kx = 0;
    if (++ky < s.kh) return;
    ky = 0;
    ++plane;
  }
};

// Output position n0 as (row, column) of the output plane.
struct Im2colStart {
  int64_t oy, ox;

  static Im2colStart of(const QconvShape& s, int64_t n0) { return {n0 / s.ow, n0 % s.ow}; }
};

// dst[0, n) = src[0, n), or = v, for the short runs of a chunk's segments
// (a plane row or less): in moves of a fixed 16, 8 or 4 bytes, the last
// overlapping the one before, which the compiler makes single vector or
// scalar moves, instead of a library call per run (on a 3x3 layer of 64
// channels those calls cost a fifth of the convolution).
template <typename X>
inline void copy_run(X* dst, const X* src, int64_t n) {
  static_assert(sizeof(X) == 1);
  if (n >= 16) {
    for (int64_t i = 0; i + 16 < n; i += 16) std::memcpy(dst + i, src + i, 16);
    std::memcpy(dst + n - 16, src + n - 16, 16);
  } else if (n >= 8) {
    std::memcpy(dst, src, 8);
    std::memcpy(dst + n - 8, src + n - 8, 8);
  } else if (n >= 4) {
    std::memcpy(dst, src, 4);
    std::memcpy(dst + n - 4, src + n - 4, 4);
  } else {
    for (int64_t i = 0; i < n; ++i) dst[i] = src[i];
  }
}

template <typename X>
inline void fill_run(X* dst, X v, int64_t n) {
  static_assert(sizeof(X) == 1);
  const int byte = static_cast<unsigned char>(v);
  if (n >= 16) {
    for (int64_t i = 0; i + 16 < n; i += 16) std::memset(dst + i, byte, 16);
    std::memset(dst + n - 16, byte, 16);
  } else if (n >= 4) {
    for (int64_t i = 0; i + 4 < n; i += 4) std::memset(dst + i, byte, 4);
    std::memset(dst + n - 4, byte, 4);
  } else {
    for (int64_t i = 0; i < n; ++i) dst[i] = v;
  }
}

// Row k of im2col(x) (x: the group's first input plane) at output positions
// [n0, n0 + cols), into dst[width], `pad` wherever it reads padding and past
// `cols`. Positions go by segments of one output row; with unit stride a
// segment's inside part is one copy, with stride 2 Evens::copy16(src, dst)
// stores src[0], src[2], ..., src[30] (it reads 32 bytes) 16 at a time.
//
// The row and the chunk go in as where they start (Im2colTap, Im2colStart):
// a caller packing many rows of one chunk steps them without the four
// divisions, which cost a 3x3 layer's packing a third of its time.
template <typename Evens, typename X>
void im2col_row(const QconvShape& s, const X* x, const Im2colTap& tap, const Im2colStart& at, int64_t cols, X pad, int64_t width,
                X* dst) {
  const int64_t ky = tap.ky, kx = tap.kx;
  const X* plane = x + tap.plane * s.h * s.w;
  int64_t oy = at.oy, ox = at.ox;
  for (int64_t j = 0; j < cols;) {
    const int64_t seg = std::min(cols - j, s.ow - ox);
    const int64_t iy = oy * s.sh - s.pt + ky * s.dh;
    X* out = dst + j;
    if (iy < 0 || iy >= s.h) {
      fill_run(out, pad, seg);
    } else {
      const X* row = plane + iy * s.w;
      const int64_t ix0 = ox * s.sw - s.pl + kx * s.dw;
      if (s.sw == 1) {
        const int64_t inside_begin = std::clamp<int64_t>(-ix0, 0, seg);
        const int64_t inside_end = std::clamp<int64_t>(s.w - ix0, inside_begin, seg);
        fill_run(out, pad, inside_begin);
        copy_run(out + inside_begin, row + ix0 + inside_begin, inside_end - inside_begin);
        fill_run(out + inside_end, pad, seg - inside_end);
      } else if (s.sw == 2) {
        const int64_t inside_begin = std::clamp<int64_t>((-ix0 + 1) / 2, 0, seg);
        const int64_t inside_end = std::clamp<int64_t>((s.w - ix0 + 1) / 2, inside_begin, seg);
        fill_run(out, pad, inside_begin);
        int64_t t = inside_begin;
        for (; t + 16 <= inside_end && ix0 + 2 * t + 32 <= s.w; t += 16) Evens::copy16(row + ix0 + 2 * t, out + t);
        for (; t < inside_end; ++t) out[t] = row[ix0 + 2 * t];
        fill_run(out + inside_end, pad, seg - inside_end);
      } else {
        for (int64_t t = 0; t < seg; ++t) {
          const int64_t ix = ix0 + t * s.sw;
          out[t] = ix >= 0 && ix < s.w ? row[ix] : pad;
        }
      }
    }
    j += seg;
    ox = 0;
    ++oy;
  }
  fill_run(dst + cols, pad, width - cols);
}

// The same for one row k from position n0.
template <typename Evens, typename X>
void im2col_row(const QconvShape& s, const X* x, int64_t k, int64_t n0, int64_t cols, X pad, int64_t width, X* dst) {
  im2col_row<Evens>(s, x, Im2colTap::of(s, k), Im2colStart::of(s, n0), cols, pad, width, dst);
}

}  // namespace ingot::rt::simd
