// A 2-D convolution of any strides, dilations, padding and group count on
// f32, NCHW, as one GEMM per group over im2col panels built on the stack:
// the resnet stem (7x7 stride 2), the stride-2 3x3 and 1x1 downsampling
// convs, grouped (resnext/shufflenet-v1 style) convs.
//
// Per image and group, y[mg, oh*ow] = w[mg, K] * im2col(x)[K, oh*ow] with
// K = C/group * kh * kw in the weights' own order (channel, ky, kx), so the
// weights are read in place. The output positions are flattened: a panel
// of NR = 2 * V::kLanes consecutive positions may span output rows, so
// small late-stage planes (7x7) fill the register tile. Work goes in chunks
// of up to kMaxChunk panels: for each chunk, K runs in blocks of kc rows of
// im2col packed into a 64 KiB stack buffer (no heap), and the block's
// weights (M x kc) serve every panel of the chunk from L2, where a panel at
// a time would read all the weights from memory again for each panel (the
// deep late-stage convs: 512 x 4608 weights, 9.4 MB). The C tile
// accumulates across blocks and gets the bias and the fused activation with the
// last one. Padding packs as zeros.
//
// Uses the traits of gemm_f32.h plus V::load_even (p[0], p[2], ...: the
// stride-2 rows pack two vectors at a time).
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

#include "ingot/kernel.h"
#include "kernels/simd/f32_operands.h"
#include "kernels/simd/fused_activation.h"
#include "kernels/simd/gemm_f32.h"
#include "kernels/simd/linalg_f32.h"

namespace ingot::rt::simd {

struct Im2colShape {
  int64_t c, h, w;         // input channels of one group, input plane
  int64_t m;               // output channels of one group
  int64_t kh, kw, oh, ow;  // kernel and output plane
  int64_t sh, sw, dh, dw;  // strides, dilations
  int64_t pt, pl;          // padding at the top and left
};

// dst[0, cols) = row[ix0 + j * sw] for j < cols, zero where that lies
// outside [0, w) (padding): zeros, then the inside run in vectors (stride 1:
// masked loads; stride 2: even lanes of two loads while they stay inside
// the row), then zeros.
template <typename V>
void pack_segment(const float* row, int64_t w, int64_t ix0, int64_t sw, int64_t cols, float* dst) {
  int64_t ja = ix0 >= 0 ? 0 : (-ix0 + sw - 1) / sw;  // first j with ix >= 0
  int64_t jb = w - ix0 <= 0 ? 0 : (w - ix0 + sw - 1) / sw;  // first j with ix >= w
  if (ja > cols) ja = cols;
  if (jb > cols) jb = cols;
  if (jb < ja) jb = ja;
  int64_t j = 0;
  for (; j < ja; ++j) dst[j] = 0.0f;
  if (sw == 1) {
    for (; j < jb; j += V::kLanes) V::store(dst + j, V::load(row + ix0 + j, V::mask(jb - j)), V::mask(jb - j));
    j = jb;
  } else if (sw == 2) {
    for (; j + V::kLanes <= jb && ix0 + 2 * (j + V::kLanes) <= w; j += V::kLanes) V::store(dst + j, V::load_even(row + ix0 + 2 * j));
    for (; j < jb; ++j) dst[j] = row[ix0 + 2 * j];
  } else {
    for (; j < jb; ++j) dst[j] = row[ix0 + j * sw];
  }
  for (; j < cols; ++j) dst[j] = 0.0f;
}

// Packs rows [p0, p0 + kc) and columns [n0, n0 + cols) of im2col(x) into
// panel[kc][ldb]; columns past `cols` are left as they are (the GEMM tiles
// mask them off). The columns split at output-row boundaries into segments,
// each a strided run of one input row.
template <typename V>
void pack_im2col(const Im2colShape& s, const float* x, int64_t p0, int64_t kc, int64_t n0, int64_t cols, int64_t ldb,
                 float* panel) {
  const int64_t taps = s.kh * s.kw;
  const int64_t oy0 = n0 / s.ow, ox0 = n0 % s.ow;
  int64_t c = p0 / taps, ky = (p0 % taps) / s.kw, kx = p0 % s.kw;
  for (int64_t p = 0; p < kc; ++p) {
    float* dst = panel + p * ldb;
    const float* plane = x + c * s.h * s.w;
    int64_t oy = oy0, ox = ox0;
    for (int64_t j = 0; j < cols;) {
      const int64_t seg = std::min(cols - j, s.ow - ox);
      const int64_t iy = oy * s.sh - s.pt + ky * s.dh;
      if (iy < 0 || iy >= s.h) {
        for (int64_t k = 0; k < seg; ++k) dst[j + k] = 0.0f;
      } else {
        pack_segment<V>(plane + iy * s.w, s.w, ox * s.sw - s.pl + kx * s.dw, s.sw, seg, dst + j);
      }
      j += seg;
      ox = 0;
      ++oy;
    }
    if (++kx == s.kw) {
      kx = 0;
      if (++ky == s.kh) {
        ky = 0;
        ++c;
      }
    }
  }
}

// Small planes (rows of at most kGatherWidth outputs, the late stages'
// 14x14 and 7x7) pack by gathering: each im2col row's source offsets in its
// channel plane depend only on the tap, so a table of them per tap (-1 for
// padding) is made once per chunk, and a row is then one loop of loads
// rather than a call per output row of a few elements each.
inline constexpr int64_t kGatherWidth = 16;
inline constexpr int64_t kGatherEntries = 8192;  // int32 offsets: 32 KiB

inline bool gather_packs(const Im2colShape& s, int64_t width) {
  return s.ow <= kGatherWidth && s.kh * s.kw * width <= kGatherEntries && s.h * s.w < (int64_t{1} << 31);
}

// offsets[tap][j]: where column n0 + j of im2col's rows of that tap reads in
// a channel plane, or -1 where it reads padding.
inline void im2col_offsets(const Im2colShape& s, int64_t n0, int64_t cols, int32_t* offsets) {
  for (int64_t ky = 0; ky < s.kh; ++ky) {
    for (int64_t kx = 0; kx < s.kw; ++kx) {
      int32_t* row = offsets + (ky * s.kw + kx) * cols;
      for (int64_t j = 0; j < cols; ++j) {
        const int64_t oy = (n0 + j) / s.ow, ox = (n0 + j) % s.ow;
        const int64_t iy = oy * s.sh - s.pt + ky * s.dh, ix = ox * s.sw - s.pl + kx * s.dw;
        row[j] = iy >= 0 && iy < s.h && ix >= 0 && ix < s.w ? static_cast<int32_t>(iy * s.w + ix) : -1;
      }
    }
  }
}

// pack_im2col by the offsets table of the chunk.
inline void gather_im2col(const Im2colShape& s, const float* x, const int32_t* offsets, int64_t p0, int64_t kc, int64_t cols,
                          int64_t ldb, float* panel) {
  const int64_t taps = s.kh * s.kw;
  for (int64_t p = 0; p < kc; ++p) {
    const float* plane = x + (p0 + p) / taps * s.h * s.w;
    const int32_t* from = offsets + (p0 + p) % taps * cols;
    float* dst = panel + p * ldb;
    for (int64_t j = 0; j < cols; ++j) dst[j] = from[j] >= 0 ? plane[from[j]] : 0.0f;
  }
}

// Work items: images x groups x chunks of `chunk` column panels of
// 2 * V::kLanes output positions. conv_im2col_run computes a range of them,
// so threads split a convolution without sharing an output element; each
// element is summed in the same order whatever the chunk and the thread.
inline constexpr int64_t kMaxChunk = 4;
inline constexpr int64_t kIm2colFloats = 16384;  // the packed block: 64 KiB

template <typename V>
int64_t im2col_chunks(const Im2colShape& s, int64_t images, int64_t group, int64_t chunk) {
  constexpr int64_t kCols = 2 * V::kLanes;
  const int64_t panels = (s.oh * s.ow + kCols - 1) / kCols;
  return images * group * ((panels + chunk - 1) / chunk);
}

// The largest chunk (1, 2 or kMaxChunk panels) that still gives every
// thread a work item.
template <typename V>
int64_t im2col_chunk(const Im2colShape& s, int64_t images, int64_t group, int threads) {
  int64_t chunk = kMaxChunk;
  while (chunk > 1 && im2col_chunks<V>(s, images, group, chunk) < threads) chunk /= 2;
  return chunk;
}

// The convolution itself, output panels [begin, end) of
// im2col_panels(s, images, group), for `images` images of `group` groups of
// shape s: x [images, group * s.c, s.h, s.w], w [group * s.m, s.c, s.kh,
// s.kw], bias [group * s.m] or null, y [images, group * s.m, s.oh, s.ow].
// packed: w in the row panels of pack_f32.h, group by group.
template <typename V>
void conv_im2col_run(const Im2colShape& s, int64_t chunk, int64_t group, const float* x, const float* w, const float* bias,
                     const Activation& act, float* y, int64_t begin, int64_t end, bool packed = false) {
  const int64_t width = chunk * 2 * V::kLanes;  // columns of a chunk
  const int64_t kc = kIm2colFloats / width - 1;  // rows of K per packed block; one row of slack for b_padded
  alignas(64) float panel[kIm2colFloats];
  int32_t offsets[kGatherEntries];
  const bool gather = gather_packs(s, width);
  const int64_t k = s.c * s.kh * s.kw, n = s.oh * s.ow;
  const int64_t chunks = (n + width - 1) / width;  // per image and group
  const int64_t channels = group * s.c, outputs = group * s.m;
  for (int64_t index = begin; index < end; ++index) {
    const int64_t image = index / (group * chunks), g = index / chunks % group, n0 = index % chunks * width;
    const float* xg = x + (image * channels + g * s.c) * s.h * s.w;
    float* yg = y + (image * outputs + g * s.m) * n;
    GemmArgs ga;
    ga.m = s.m;
    ga.lda = k;
    ga.b = panel;
    ga.ldb = width;
    ga.a_packed = packed;
    ga.b_padded = true;  // kIm2colFloats leaves room past the last row: kc * width <= it - width
    ga.ldc = n;
    ga.n = std::min(width, n - n0);
    ga.c = yg + n0;
    if (gather) im2col_offsets(s, n0, ga.n, offsets);
    for (int64_t p0 = 0; p0 < k; p0 += kc) {
      ga.k = std::min(kc, k - p0);
      if (gather) {
        gather_im2col(s, xg, offsets, p0, ga.k, ga.n, width, panel);
      } else {
        pack_im2col<V>(s, xg, p0, ga.k, n0, ga.n, width, panel);
      }
      const bool last = p0 + ga.k >= k;
      ga.a = w + g * s.m * k + (packed ? 0 : p0);
      ga.a_k0 = packed ? p0 : 0;
      ga.accumulate = p0 > 0;
      ga.bias_row = last && bias != nullptr ? bias + g * s.m : nullptr;
      ga.act = last ? act : Activation{};
      gemm_f32<V>(ga);
    }
  }
}

// packed: the `conv.im2col_packed` variants, weights in the row panels of
// pack_f32.h (V::kRows high), packed per group by the compiler.
template <typename V>
Error conv_im2col_f32(KernelContext& ctx, bool packed = false) {
  F32Operands ops;
  if (Error e = f32_operands(ctx, &ops); e != Error::ok) return e;
  const Tensor* x = ops.a;
  const Tensor* w = ops.b;
  const Tensor* bias = ops.bias;
  const Tensor& y = *ops.y;
  if (x->rank != 4 || w->rank != 4 || y.rank != 4) return ctx.fail("expects a 2-D convolution");
  const int64_t group = ctx.attr_int("group", 1);
  const int64_t channels = x->dims[1], outputs = w->dims[0];
  if (group < 1 || channels % group != 0 || outputs % group != 0 || w->dims[1] != channels / group ||
      y.dims[1] != outputs || y.dims[0] != x->dims[0]) {
    return ctx.fail("channel counts do not match the groups");
  }
  if (bias != nullptr && bias->numel != outputs) return ctx.fail("the bias must hold one value per output channel");
  const List<int64_t> strides = ctx.attr_ints("strides"), pads = ctx.attr_ints("pads"), dilations = ctx.attr_ints("dilations");
  if (strides.size != 2 || pads.size != 4 || (dilations.size != 0 && dilations.size != 2)) {
    return ctx.fail("expects 2 strides, 4 pads and 2 dilations");
  }
  Im2colShape s{};
  s.c = channels / group;
  s.h = x->dims[2];
  s.w = x->dims[3];
  s.m = outputs / group;
  s.kh = w->dims[2];
  s.kw = w->dims[3];
  s.oh = y.dims[2];
  s.ow = y.dims[3];
  s.sh = strides[0];
  s.sw = strides[1];
  s.dh = dilations.size == 2 ? dilations[0] : 1;
  s.dw = dilations.size == 2 ? dilations[1] : 1;
  s.pt = pads[0];
  s.pl = pads[1];
  if (s.sh < 1 || s.sw < 1 || s.dh < 1 || s.dw < 1) return ctx.fail("strides and dilations must be positive");
  if (s.oh > 0 && s.ow > 0 && (s.kh < 1 || s.kw < 1)) return ctx.fail("expects a kernel of at least 1x1");
  Activation act;
  if (Error e = read_activation(ctx, &act); e != Error::ok) return e;
  if (Error e = check_packed(ctx, 'm', packed ? V::kRows : 0); e != Error::ok) return e;

  // Chunks of output panels split over the threads.
  const int64_t images = x->dims[0];
  const int64_t chunk = im2col_chunk<V>(s, images, group, ctx.threads());
  ctx.parallel_for(im2col_chunks<V>(s, images, group, chunk), [&](int64_t begin, int64_t end) {
    conv_im2col_run<V>(s, chunk, group, x->as<float>(), w->as<float>(), bias != nullptr ? bias->as<float>() : nullptr, act,
                       y.as<float>(), begin, end, packed);
  });
  return Error::ok;
}

}  // namespace ingot::rt::simd
