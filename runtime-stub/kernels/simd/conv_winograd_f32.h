// A 3x3, stride 1, dilation 1, ungrouped 2-D convolution on f32 NCHW by
// Winograd F(4x4, 3x3) (winograd_f32.h): the weights come transformed by
// the compiler (U, 36 K x C matrices in GEMM row panels), so a run does
// three things per block of output tiles:
//
//   1. input transform: V[xi] (C x T) = B^T d B of every 6x6 input tile d
//      (4x4 output tiles, overlapping by 2; padding reads as zeros), the T
//      tiles of the block in vector lanes;
//   2. 36 GEMMs M[xi] (K x T) = U[xi] * V[xi] on the packed-A GEMM of
//      gemm_f32.h (its 12x32 / 6x16 / 8x8 microkernel, tiles as columns);
//   3. output transform: Y = A^T M A per (k, tile), plus the bias and the
//      fused activation, written into the output plane cropped at its borders.
//
// Blocks: T tiles (the microkernel's NR = 2 * V::kLanes, fewer when C is so
// large that V[36][C][T] would pass kWinoVFloats), and K in blocks of kb
// rows so that M[36][kb][T] stays within kWinoMFloats: the transformed
// input of a block is made once and read by every K block, hot in L2
// (1 MiB on the CPUs measured). All scratch is on the stack, about 750 KiB
// (the runtime allocates nothing during a run; threads are std::threads
// with the platform's default stack, 8 MiB on Linux).
//
// Threads take work items (image, tile block, part of K): each output
// element belongs to one item and is summed in the same order, over the
// whole C in one GEMM, whatever the thread count.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>

#include "ingot/kernel.h"
#include "kernels/simd/f32_operands.h"
#include "kernels/simd/fused_activation.h"
#include "kernels/simd/gemm_f32.h"
#include "kernels/simd/winograd_f32.h"

namespace ingot::rt::simd {

inline constexpr int64_t kWinoMFloats = 1024;  // kb * T, per tile position: M is 36x that (144 KiB)

struct WinoShape {
  int64_t c, h, w, k;      // input channels and plane, output channels
  int64_t oh, ow, pt, pl;  // output plane, padding at the top and left
  int64_t tiles_x, tiles;  // 4x4 output tiles per row, per image
  int64_t t_cap, kb;       // tiles per block, rows of K per GEMM block
  int64_t blocks, parts;   // tile blocks per image, parts of K per block
};

// B^T d of six values (rows or columns of a tile), in place of t.
template <typename V>
inline void wino_input_1d(const typename V::Vec* d, int64_t ds, typename V::Vec* t, int64_t ts) {
  using Vec = typename V::Vec;
  const Vec d0 = d[0], d1 = d[ds], d2 = d[2 * ds], d3 = d[3 * ds], d4 = d[4 * ds], d5 = d[5 * ds];
  const Vec d13 = V::sub(d1, d3), d42 = V::sub(d4, d2);
  t[0] = V::fmadd(V::set1(4), d0, V::fmadd(V::set1(-5), d2, d4));
  t[ts] = V::fmadd(V::set1(-4), V::add(d1, d2), V::add(d3, d4));
  t[2 * ts] = V::fmadd(V::set1(4), V::sub(d1, d2), V::sub(d4, d3));
  t[3 * ts] = V::fmadd(V::set1(-2), d13, d42);
  t[4 * ts] = V::fmadd(V::set1(2), d13, d42);
  t[5 * ts] = V::fmadd(V::set1(4), d1, V::fmadd(V::set1(-5), d3, d5));
}

// A^T m: four values from six.
template <typename V>
inline void wino_output_1d(const typename V::Vec* m, int64_t ms, typename V::Vec* o, int64_t os) {
  using Vec = typename V::Vec;
  const Vec s12 = V::add(m[ms], m[2 * ms]), d12 = V::sub(m[ms], m[2 * ms]);
  const Vec s34 = V::add(m[3 * ms], m[4 * ms]), d34 = V::sub(m[3 * ms], m[4 * ms]);
  o[0] = V::add(V::add(m[0], s12), s34);
  o[os] = V::fmadd(V::set1(2), d34, d12);
  o[2 * os] = V::fmadd(V::set1(4), s34, s12);
  o[3 * os] = V::add(V::fmadd(V::set1(8), d34, d12), m[5 * ms]);
}

// offsets[xi][t]: where tile t0 + t reads its input position xi in a channel
// plane, -1 for padding (and for lanes past the block's nt tiles).
inline void wino_offsets(const WinoShape& s, int64_t t0, int64_t nt, int64_t lanes, int32_t* offsets) {
  for (int64_t t = 0; t < lanes; ++t) {
    const int64_t iy0 = (t0 + t) / s.tiles_x * kWinoOut - s.pt, ix0 = (t0 + t) % s.tiles_x * kWinoOut - s.pl;
    for (int64_t i = 0; i < kWinoTile; ++i) {
      for (int64_t j = 0; j < kWinoTile; ++j) {
        const int64_t iy = iy0 + i, ix = ix0 + j;
        const bool inside = t < nt && iy >= 0 && iy < s.h && ix >= 0 && ix < s.w;
        offsets[(i * kWinoTile + j) * lanes + t] = inside ? static_cast<int32_t>(iy * s.w + ix) : -1;
      }
    }
  }
}

// Step 1 for channel c: v[xi * C * t_cap + c * t_cap + t] for the block's tiles.
template <typename V>
void wino_input_channel(const WinoShape& s, const float* plane, const int32_t* offsets, int64_t lanes, float* d, float* v,
                        int64_t c) {
  using Vec = typename V::Vec;
  for (int64_t e = 0; e < kWinoPoints * lanes; ++e) d[e] = offsets[e] >= 0 ? plane[offsets[e]] : 0.0f;
  for (int64_t t = 0; t < lanes; t += V::kLanes) {
    Vec tile[kWinoPoints], cols[kWinoPoints];
    for (int64_t e = 0; e < kWinoPoints; ++e) tile[e] = V::load(d + e * lanes + t);
    for (int64_t j = 0; j < kWinoTile; ++j) wino_input_1d<V>(tile + j, kWinoTile, cols + j, kWinoTile);  // B^T d
    for (int64_t i = 0; i < kWinoTile; ++i) wino_input_1d<V>(cols + i * kWinoTile, 1, tile + i * kWinoTile, 1);  // (B^T d) B
    const auto mask = V::mask(s.t_cap - t);
    for (int64_t e = 0; e < kWinoPoints; ++e) V::store(v + (e * s.c + c) * s.t_cap + t, tile[e], mask);
  }
}

// Step 3 for `rows` output channels from k0: m[xi][r][t] -> y.
template <typename V>
void wino_output_rows(const WinoShape& s, const float* m, int64_t k0, int64_t rows, int64_t t0, int64_t nt, int64_t lanes,
                      const float* bias, const Activation& act, float* o, float* y) {
  using Vec = typename V::Vec;
  const ActivationRegs<V> activate(act);
  const int64_t plane = s.oh * s.ow;
  for (int64_t r = 0; r < rows; ++r) {
    const Vec b = V::set1(bias != nullptr ? bias[k0 + r] : 0.0f);
    for (int64_t t = 0; t < lanes; t += V::kLanes) {
      const auto mask = V::mask(s.t_cap - t);
      Vec tile[kWinoPoints], cols[kWinoOut * kWinoTile];
      for (int64_t e = 0; e < kWinoPoints; ++e) tile[e] = V::load(m + (e * s.kb + r) * s.t_cap + t, mask);
      for (int64_t j = 0; j < kWinoTile; ++j) wino_output_1d<V>(tile + j, kWinoTile, cols + j, kWinoTile);  // A^T M
      for (int64_t i = 0; i < kWinoOut; ++i) {
        Vec out[kWinoOut];
        wino_output_1d<V>(cols + i * kWinoTile, 1, out, 1);  // (A^T M) A
        for (int64_t j = 0; j < kWinoOut; ++j) V::store(o + (i * kWinoOut + j) * lanes + t, activate(V::add(out[j], b)));
      }
    }
    float* yk = y + (k0 + r) * plane;
    for (int64_t t = 0; t < nt; ++t) {
      const int64_t oy0 = (t0 + t) / s.tiles_x * kWinoOut, ox0 = (t0 + t) % s.tiles_x * kWinoOut;
      const int64_t h = std::min(kWinoOut, s.oh - oy0), w = std::min(kWinoOut, s.ow - ox0);
      for (int64_t i = 0; i < h; ++i) {
        for (int64_t j = 0; j < w; ++j) yk[(oy0 + i) * s.ow + ox0 + j] = o[(i * kWinoOut + j) * lanes + t];
      }
    }
  }
}

// Work items [begin, end) of images * s.blocks * s.parts.
template <typename V>
void conv_winograd_run(const WinoShape& s, const float* x, const float* u, const float* bias, const Activation& act, float* y,
                       int64_t begin, int64_t end) {
  constexpr int64_t kMaxLanes = 2 * V::kLanes;  // t_cap rounded up to whole vectors
  alignas(64) float v[kWinoPoints * kWinoVFloats + 2 * V::kLanes];  // + one panel: the GEMM reads B rows whole
  alignas(64) float m[kWinoPoints * kWinoMFloats];
  alignas(64) float d[kWinoPoints * kMaxLanes];
  alignas(64) float o[kWinoOut * kWinoOut * kMaxLanes];
  int32_t offsets[kWinoPoints * kMaxLanes];
  const int64_t lanes = (s.t_cap + V::kLanes - 1) / V::kLanes * V::kLanes;
  const int64_t panels = (s.k + V::kRows - 1) / V::kRows;
  for (int64_t item = begin; item < end; ++item) {
    const int64_t image = item / (s.blocks * s.parts), block = item / s.parts % s.blocks, part = item % s.parts;
    const int64_t t0 = block * s.t_cap, nt = std::min(s.t_cap, s.tiles - t0);
    const int64_t k_begin = std::min(s.k, part * panels / s.parts * V::kRows);
    const int64_t k_end = std::min(s.k, (part + 1) * panels / s.parts * V::kRows);
    const float* xi = x + image * s.c * s.h * s.w;
    float* yi = y + image * s.k * s.oh * s.ow;
    wino_offsets(s, t0, nt, lanes, offsets);
    for (int64_t c = 0; c < s.c; ++c) wino_input_channel<V>(s, xi + c * s.h * s.w, offsets, lanes, d, v, c);
    for (int64_t k0 = k_begin; k0 < k_end; k0 += s.kb) {
      const int64_t rows = std::min(s.kb, k_end - k0);
      for (int64_t e = 0; e < kWinoPoints; ++e) {
        GemmArgs g;
        g.m = rows;
        g.n = nt;
        g.k = s.c;
        g.a = u + e * s.k * s.c + k0 * s.c;
        g.lda = s.c;
        g.a_packed = true;
        g.b = v + e * s.c * s.t_cap;
        g.ldb = s.t_cap;
        g.b_padded = true;
        g.c = m + e * s.kb * s.t_cap;
        g.ldc = s.t_cap;
        gemm_f32<V>(g);
      }
      wino_output_rows<V>(s, m, k0, rows, t0, nt, lanes, bias, act, o, yi);
    }
  }
}

// The blocking of a convolution (see the top) for `threads` threads.
template <typename V>
WinoShape wino_shape(int64_t c, int64_t h, int64_t w, int64_t k, int64_t oh, int64_t ow, int64_t pt, int64_t pl,
                     int64_t images, int threads) {
  WinoShape s{};
  s.c = c, s.h = h, s.w = w, s.k = k, s.oh = oh, s.ow = ow, s.pt = pt, s.pl = pl;
  s.tiles_x = (ow + kWinoOut - 1) / kWinoOut;
  s.tiles = s.tiles_x * ((oh + kWinoOut - 1) / kWinoOut);
  s.t_cap = 2 * V::kLanes;
  while (s.t_cap > 1 && c * s.t_cap > kWinoVFloats) s.t_cap /= 2;
  s.kb = std::max<int64_t>(V::kRows, kWinoMFloats / s.t_cap / V::kRows * V::kRows);
  s.blocks = (s.tiles + s.t_cap - 1) / s.t_cap;
  // Too few tile blocks for the threads: split K too (at panel boundaries),
  // each part transforming the block's input again.
  const int64_t panels = (k + V::kRows - 1) / V::kRows;
  s.parts = 1;
  if (images * s.blocks < threads) s.parts = std::min(panels, (threads + images * s.blocks - 1) / (images * s.blocks));
  return s;
}

template <typename V>
Error conv_winograd_f32(KernelContext& ctx) {
  F32Operands ops;
  if (Error e = f32_operands(ctx, &ops); e != Error::ok) return e;
  const Tensor* x = ops.a;
  const Tensor* u = ops.b;
  const Tensor* bias = ops.bias;
  const Tensor& y = *ops.y;
  if (x->rank != 4 || u->rank != 4 || y.rank != 4) return ctx.fail("expects a 2-D convolution");
  if (wino_packed_rows(ctx.attr_string("packed")) != V::kRows) {
    return ctx.fail("expects weights transformed as %smr%d, not '%s'", kWinoPrefix.data(), V::kRows, ctx.attr_string("packed"));
  }
  const int64_t channels = x->dims[1], outputs = y.dims[1];
  if (ctx.attr_int("group", 1) != 1 || u->dims[0] != outputs || u->dims[1] != channels || u->dims[2] != kWinoTile ||
      u->dims[3] != kWinoTile || y.dims[0] != x->dims[0]) {
    return ctx.fail("expects weights [outputs, channels, 6, 6] of one group");
  }
  if (channels > kWinoMaxChannels) return ctx.fail("more than %lld input channels", static_cast<long long>(kWinoMaxChannels));
  if (bias != nullptr && bias->numel != outputs) return ctx.fail("the bias must hold one value per output channel");
  const List<int64_t> strides = ctx.attr_ints("strides"), pads = ctx.attr_ints("pads"), dilations = ctx.attr_ints("dilations");
  if (strides.size != 2 || pads.size != 4 || (dilations.size != 0 && dilations.size != 2)) {
    return ctx.fail("expects 2 strides, 4 pads and 2 dilations");
  }
  if (strides[0] != 1 || strides[1] != 1 || (dilations.size == 2 && (dilations[0] != 1 || dilations[1] != 1))) {
    return ctx.fail("expects unit strides and dilations");
  }
  const int64_t h = x->dims[2], w = x->dims[3];
  if (h * w >= (int64_t{1} << 31)) return ctx.fail("input planes of 2^31 elements or more");  // int32 offsets
  if (y.dims[2] != h + pads[0] + pads[2] - 2 || y.dims[3] != w + pads[1] + pads[3] - 2) {
    return ctx.fail("the output plane is not the 3x3 convolution's");
  }
  Activation act;
  if (Error e = read_activation(ctx, &act); e != Error::ok) return e;
  const int64_t images = x->dims[0];
  if (images == 0 || outputs == 0 || y.dims[2] <= 0 || y.dims[3] <= 0) return Error::ok;
  const WinoShape s = wino_shape<V>(channels, h, w, outputs, y.dims[2], y.dims[3], pads[0], pads[1], images, ctx.threads());
  ctx.parallel_for(images * s.blocks * s.parts, [&](int64_t begin, int64_t end) {
    conv_winograd_run<V>(s, x->as<float>(), u->as<float>(), bias != nullptr ? bias->as<float>() : nullptr, act, y.as<float>(),
                         begin, end);
  });
  return Error::ok;
}

}  // namespace ingot::rt::simd
