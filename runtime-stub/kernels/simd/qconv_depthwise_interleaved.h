// qconv (kernels/portable/qconv.cc) for depthwise 2-D convolutions with
// 3x3 or 5x5 taps, strides 1 or 2, with kQdwiLanes = 16 channels
// interleaved inside the kernel, bit for bit the reference: the ISA-free
// part (the ISA's part: ../x86/qconv_depthwise_interleaved_avx2.h,
// ../arm/qconv_depthwise_interleaved_neon.h).
// qconv_depthwise.h runs one channel plane at a time, 16 outputs of a row
// per vector: on mobilenet's 14x14 and 7x7 planes most lanes idle, and every
// output row pays its own requantization of partly empty vectors. Here
// every vector holds one position of 16 channels, whatever the plane's width
// (the int8 sibling of depthwise_interleaved_f32.h).
//
// Per block of 16 channels of one image, in bands of output rows
// (qdwi_band: qconv_depthwise_shape.h):
//  1. the band's input rows are transposed 16 flat positions at a time into
//     a stack buffer [row][column][16 channels] of i16 x, the padding
//     holding x_zero_point (x is not centred: as qconv_depthwise.h, its
//     share is folded into the bias, centre_channel);
//  2. 16 consecutive output positions at a time (across rows: a plane is
//     contiguous) the ISA sums the taps against per-channel centred weights,
//     requantizes per channel and narrows to 16 x 16 bytes, transposed back
//     and stored as one run per channel plane.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "ingot/kernel.h"
#include "kernels/simd/qconv_depthwise.h"

namespace ingot::rt::simd {

// One block's per-lane constants: lane j is channel c0 + j (zero past the
// last channel, whose lanes are computed but never stored).
struct QdwiParams {
  alignas(64) int16_t taps[25][kQdwiLanes];  // centred weights, tap-major
  alignas(64) int32_t bias[kQdwiLanes], multiplier[kQdwiLanes], shift[kQdwiLanes];
};

template <typename W>
void qdwi_params(const portable::QconvOperands& ops, int64_t c0, int64_t channels, int64_t taps, QdwiParams* p) {
  const portable::Requantization& q = ops.requant;
  int32_t centred[kDwMaxTaps];
  for (int64_t j = 0; j < kQdwiLanes; ++j) {
    const bool inside = j < channels;
    const int64_t c = c0 + j;
    p->bias[j] = inside ? centre_channel<W>(ops, c, taps, centred) : 0;
    for (int64_t t = 0; t < taps; ++t) p->taps[t][j] = inside ? static_cast<int16_t>(centred[t]) : int16_t{0};
    const size_t i = q.multiplier.size == 1 || !inside ? 0 : static_cast<size_t>(c);
    p->multiplier[j] = static_cast<int32_t>(q.multiplier[i]);
    p->shift[j] = static_cast<int32_t>(q.shift[i]);
  }
}

// One block of `channels` <= 16 planes of one image: x and y at its first
// plane.
template <class D, int kK, typename X, typename Y>
void qdwi_block(const QdwShape& s, int64_t channels, const X* x, const QdwiParams& params, const portable::Requantization& q,
                int16_t x_zero_point, Y* y) {
  constexpr int64_t L = kQdwiLanes;
  // The band's input as [row][column][16 channels] (one position of slack:
  // D::entries reads one past a row), and as the ISA's entries (D::kEntry
  // i16 per position) where those differ from it (D::kEntry > 16).
  constexpr int64_t kEntry = D::kEntry;
  alignas(64) int16_t buffer[kQdwiShorts + L];
  alignas(64) int16_t entries[kEntry == L ? 1 : kQdwiShorts / L * kEntry];
  alignas(64) int16_t sink[L];            // where positions the buffer crops go
  alignas(64) X tail[L][L];               // a plane's last positions, copied (loads read 16)
  alignas(64) uint8_t tile[L * L];        // 16 output positions x 16 channels
  const typename D::template Taps<kK> taps(params, q);
  const int64_t cols = qdwi_cols(s), row_shorts = cols * L, row_entries = cols * kEntry;
  const int16_t* const taps_from = kEntry == L ? buffer : entries;
  const int64_t in_cols = std::min(s.w, cols - s.pl), hw = s.h * s.w, ohw = s.oh * s.ow;
  const int64_t band = qdwi_band(s);
  const X* planes[L];  // lanes past the block repeat its last plane
  for (int64_t j = 0; j < L; ++j) planes[j] = x + std::min(j, channels - 1) * hw;
  for (int64_t oy0 = 0; oy0 < s.oh; oy0 += band) {
    const int64_t oy1 = std::min(s.oh, oy0 + band);
    // Buffer row r holds input row first + r (rows outside the input are padding).
    const int64_t rows = (oy1 - oy0 - 1) * s.stride + s.kh, first = oy0 * s.stride - s.pt;
    const int64_t in_first = std::max<int64_t>(first, 0), in_last = std::min(s.h, first + rows);

    // 1. The padding: whole rows outside the input, the columns left and right of it.
    for (int64_t r = 0; r < rows; ++r) {
      int16_t* row = buffer + r * row_shorts;
      if (first + r < in_first || first + r >= in_last || in_cols <= 0) {
        std::fill(row, row + row_shorts, x_zero_point);
        continue;
      }
      std::fill(row, row + s.pl * L, x_zero_point);
      std::fill(row + (s.pl + in_cols) * L, row + row_shorts, x_zero_point);
    }
    // The band's input rows (contiguous in each plane), 16 positions at a time.
    int64_t iy = in_first, ix = 0;
    for (int64_t p0 = in_first * s.w; p0 < in_last * s.w; p0 += L) {
      const int64_t n = std::min(L, in_last * s.w - p0);
      // Loads read 16 positions: a plane's last ones are read as the 16
      // ending there (the first `back` of them go to the sink), or copied
      // where the plane is shorter than 16.
      const X* src[L];
      const int64_t back = p0 + L > hw && hw >= L ? p0 + L - hw : 0;
      if (p0 + L - back <= hw) {
        for (int64_t j = 0; j < L; ++j) src[j] = planes[j] + p0 - back;
      } else {
        for (int64_t j = 0; j < L; ++j) {
          std::memcpy(tail[j], planes[j] + p0, static_cast<size_t>(hw - p0));
          src[j] = tail[j];
        }
      }
      int16_t* dst[L + L];  // from dst + L - back: `back` sinks, then positions p0...
      for (int64_t i = L - back; i < L; ++i) dst[i] = sink;
      int16_t** const mapped = dst + L;
      int16_t* const row_start = buffer + ((iy - first) * cols + s.pl) * L;
      if (ix + n <= std::min(s.w, in_cols)) {  // all in one row and inside the buffer's columns
        for (int64_t i = 0; i < L; ++i) mapped[i] = i < n ? row_start + (ix + i) * L : sink;
        ix += n;
        if (ix == s.w) {
          ix = 0;
          ++iy;
        }
      } else {
        for (int64_t i = 0; i < L; ++i) {
          mapped[i] = i < n && ix < in_cols ? buffer + ((iy - first) * cols + ix + s.pl) * L : sink;
          if (i < n && ++ix == s.w) {
            ix = 0;
            ++iy;
          }
        }
      }
      D::load_positions(src, dst + L - back);
    }

    if constexpr (kEntry != L) {
      // The last row's last entry pairs with the slack (against a weight of 0).
      std::fill(buffer + rows * row_shorts, buffer + rows * row_shorts + L, int16_t{0});
      // With stride 2 the taps' pairs start on even columns only.
      for (int64_t r = 0; r < rows; ++r) D::entries(buffer + r * row_shorts, cols, s.stride, entries + r * row_entries);
    }

    // 2. 16 consecutive output positions of the band at a time; positions
    // past the band repeat its last one and are not stored.
    const int64_t end = oy1 * s.ow;
    int64_t oy = oy0, ox = 0;
    for (int64_t p0 = oy0 * s.ow; p0 < end; p0 += L) {
      const int64_t n = std::min(L, end - p0);
      const int16_t* at[L];
      if (ox + L <= s.ow) {  // all in one row
        const int16_t* const first_at = taps_from + ((oy - oy0) * s.stride * cols + ox * s.stride) * kEntry;
        for (int64_t g = 0; g < L; ++g) at[g] = first_at + g * s.stride * kEntry;
        ox += L;
      } else {
        for (int64_t g = 0; g < L; ++g) {
          at[g] = taps_from + ((oy - oy0) * s.stride * cols + ox * s.stride) * kEntry;
          if (g + 1 < n && ++ox == s.ow) {
            ox = 0;
            ++oy;
          }
        }
        ++ox;  // the position after the group's last
      }
      if (ox == s.ow) {
        ox = 0;
        ++oy;
      }
      D::template outputs<kK, Y>(taps, at, row_entries, n, tile);
      D::store_positions(tile, n, channels, y + p0, ohw);
    }
  }
}

// Channels [c0, c0 + 16) (or to the last of `channels`) of image n: one task.
template <class D, typename X, typename W, typename Y>
void qdwi_run_block(const QdwShape& s, int64_t channels, const portable::QconvOperands& ops, int64_t n, int64_t c0, QdwiParams* params) {
  const int64_t count = std::min(kQdwiLanes, channels - c0);
  qdwi_params<W>(ops, c0, count, s.kh * s.kw, params);
  const X* x = ops.x->as<X>() + (n * channels + c0) * s.h * s.w;
  Y* y = ops.y->as<Y>() + (n * channels + c0) * s.oh * s.ow;
  const auto zero_point = static_cast<int16_t>(ops.x_zero_point);
  if (s.kh == 3) {
    qdwi_block<D, 3>(s, count, x, *params, ops.requant, zero_point, y);
  } else {
    qdwi_block<D, 5>(s, count, x, *params, ops.requant, zero_point, y);
  }
}

// Y: the output's type, uint8_t or int8_t (the variant's dtype).
template <class D, typename Y>
Error qconv_depthwise_interleaved(KernelContext& ctx) {
  portable::QconvOperands ops{};
  QdwShape s{};
  if (Error e = read_qdw<Y>(ctx, &ops, &s); e != Error::ok) return e;
  if (!qdwi_fits(s)) return ctx.fail("expects 3x3 or 5x5 taps, strides 1 or 2 and rows that fit the stack buffer");
  if (ops.y->numel == 0) return Error::ok;
  const Tensor& x = *ops.x;
  const int64_t blocks = (x.dims[1] + kQdwiLanes - 1) / kQdwiLanes;
  auto run = [&](auto x_type, auto w_type) {
    using X = decltype(x_type);
    using W = decltype(w_type);
    // One block of channels of one image per task.
    ctx.parallel_for(x.dims[0] * blocks, [&](int64_t begin, int64_t end) {
      QdwiParams params;
      for (int64_t task = begin; task < end; ++task) {
        qdwi_run_block<D, X, W, Y>(s, x.dims[1], ops, task / blocks, (task % blocks) * kQdwiLanes, &params);
      }
    });
  };
  portable::with_8bit_types(x.dtype, ops.w->dtype, run);
  return Error::ok;
}

}  // namespace ingot::rt::simd
