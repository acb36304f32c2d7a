// The channel-interleaved depthwise qconv (../simd/qconv_depthwise_
// interleaved.h) on NEON: one output position of 16 channels is four
// vectors of i32 sums, each tap's 16 i16 inputs multiplied by the tap's 16
// centred weights into them (SMLAL by vector: x in [-128, 255] and w' in
// [-255, 255] are exact i16, their product an exact i32; the sums wrap as
// the reference's). NEON multiplies lane by lane, so the buffer's positions
// serve as they are (kEntry = 16: no paired entries as on AVX2).
#pragma once

#include <arm_neon.h>

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "kernels/arm/requantize_neon.h"
#include "kernels/simd/qconv_depthwise_interleaved.h"
#include "kernels/simd/transpose_16x16_bytes.h"

namespace ingot::rt::arm {

// The byte interleaves of simd::transpose_16x16_bytes: ZIP1 / ZIP2.
struct ZipNeon {
  using Bytes = uint8x16_t;
  template <int kWidth, bool kHigh>
  static uint8x16_t zip(uint8x16_t a, uint8x16_t b) {
    if constexpr (kWidth == 1) return kHigh ? vzip2q_u8(a, b) : vzip1q_u8(a, b);
    if constexpr (kWidth == 2) return vreinterpretq_u8_u16(zip_as(vreinterpretq_u16_u8(a), vreinterpretq_u16_u8(b), kHigh));
    if constexpr (kWidth == 4) return vreinterpretq_u8_u32(zip_as(vreinterpretq_u32_u8(a), vreinterpretq_u32_u8(b), kHigh));
    if constexpr (kWidth == 8) return vreinterpretq_u8_u64(zip_as(vreinterpretq_u64_u8(a), vreinterpretq_u64_u8(b), kHigh));
  }
  static uint16x8_t zip_as(uint16x8_t a, uint16x8_t b, bool high) { return high ? vzip2q_u16(a, b) : vzip1q_u16(a, b); }
  static uint32x4_t zip_as(uint32x4_t a, uint32x4_t b, bool high) { return high ? vzip2q_u32(a, b) : vzip1q_u32(a, b); }
  static uint64x2_t zip_as(uint64x2_t a, uint64x2_t b, bool high) { return high ? vzip2q_u64(a, b) : vzip1q_u64(a, b); }
};

struct QdwiNeon {
  static constexpr int64_t L = simd::kQdwiLanes;
  static constexpr int64_t kEntry = L;

  // Never called (kEntry == L): the driver's entries are the positions.
  static void entries(const int16_t*, int64_t, int64_t, int16_t*) {}

  // A block's constants in registers: lanes in channel order, four
  // channels per i32 vector.
  template <int kK>
  struct Taps {
    static constexpr int kTaps = kK * kK;
    int16x8_t w[kTaps][2];  // channels 0-7, 8-15
    int32x4_t bias[4];
    RowRequant requant[4];
    OutputRange range;

    Taps(const simd::QdwiParams& p, const portable::Requantization& q) {
      for (int t = 0; t < kTaps; ++t) {
        w[t][0] = vld1q_s16(p.taps[t]);
        w[t][1] = vld1q_s16(p.taps[t] + 8);
      }
      for (int i = 0; i < 4; ++i) {
        bias[i] = vld1q_s32(p.bias + 4 * i);
        requant[i] = RowRequant::lanes(p.multiplier + 4 * i, p.shift + 4 * i);
      }
      range = OutputRange::of(q.zero_point, q.lo, q.hi);
    }

    // The outputs of the position whose top-left input is at `at` (rows
    // `row` i16 apart), 16 bytes in channel order.
    template <typename Y>
    uint8x16_t position(const int16_t* at, int64_t row) const {
      int32x4_t acc[4] = {bias[0], bias[1], bias[2], bias[3]};
#pragma GCC unroll 25
      for (int t = 0; t < kTaps; ++t) {
        const int16_t* e = at + (t / kK) * row + (t % kK) * L;
        const int16x8_t lo = vld1q_s16(e), hi = vld1q_s16(e + 8);
        acc[0] = vmlal_s16(acc[0], vget_low_s16(lo), vget_low_s16(w[t][0]));
        acc[1] = vmlal_high_s16(acc[1], lo, w[t][0]);
        acc[2] = vmlal_s16(acc[2], vget_low_s16(hi), vget_low_s16(w[t][1]));
        acc[3] = vmlal_high_s16(acc[3], hi, w[t][1]);
      }
      for (int i = 0; i < 4; ++i) acc[i] = range.apply(requant[i].apply(acc[i]));
      return vcombine_u8(narrow_8<std::is_signed_v<Y>>(acc[0], acc[1]), narrow_8<std::is_signed_v<Y>>(acc[2], acc[3]));
    }
  };

  // dst[i] = the 16 channels of position i as i16, from src[j] = 16
  // positions of channel j.
  template <typename X>
  static void load_positions(const X* const src[L], int16_t* const dst[L]) {
    uint8x16_t rows[L];
#pragma GCC unroll 16
    for (int64_t j = 0; j < L; ++j) rows[j] = vld1q_u8(reinterpret_cast<const uint8_t*>(src[j]));
    simd::transpose_16x16_bytes<ZipNeon>(rows);
#pragma GCC unroll 16
    for (int64_t i = 0; i < L; ++i) {
      if constexpr (std::is_signed_v<X>) {
        const int8x16_t v = vreinterpretq_s8_u8(rows[i]);
        vst1q_s16(dst[i], vmovl_s8(vget_low_s8(v)));
        vst1q_s16(dst[i] + 8, vmovl_high_s8(v));
      } else {
        vst1q_s16(dst[i], vreinterpretq_s16_u16(vmovl_u8(vget_low_u8(rows[i]))));
        vst1q_s16(dst[i] + 8, vreinterpretq_s16_u16(vmovl_high_u8(rows[i])));
      }
    }
  }

  // tile[16 g + c] = the output of channel c at the position whose inputs start at at[g], for g < n.
  template <int kK, typename Y>
  static void outputs(const Taps<kK>& taps, const int16_t* const at[L], int64_t row, int64_t n, uint8_t* tile) {
    for (int64_t g = 0; g < n; ++g) vst1q_u8(tile + g * L, taps.template position<Y>(at[g], row));
  }

  // Positions [0, n) of channels [0, channels) from the tile into y (plane
  // `plane` values apart).
  template <typename Y>
  static void store_positions(const uint8_t* tile, int64_t n, int64_t channels, Y* y, int64_t plane) {
    uint8x16_t rows[L];
#pragma GCC unroll 16
    for (int64_t i = 0; i < L; ++i) rows[i] = vld1q_u8(tile + i * L);
    simd::transpose_16x16_bytes<ZipNeon>(rows);
    for (int64_t j = 0; j < channels; ++j) {
      if (n == L) {
        vst1q_u8(reinterpret_cast<uint8_t*>(y + j * plane), rows[j]);
      } else {
        std::memcpy(y + j * plane, &rows[j], static_cast<size_t>(n));
      }
    }
  }
};

template <typename Y>
Error qconv_depthwise_interleaved_neon(KernelContext& ctx) { return simd::qconv_depthwise_interleaved<QdwiNeon, Y>(ctx); }

}  // namespace ingot::rt::arm
