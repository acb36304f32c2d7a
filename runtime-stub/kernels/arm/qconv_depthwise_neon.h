// The depthwise qconv (../simd/qconv_depthwise.h) on NEON: 16 outputs of a
// row at a time, each tap's 16 inputs widened to i16 and multiplied by the
// tap's centred weight into i32 sums (SMLAL: x in [-128, 255] and w' in
// [-255, 255] are exact i16, their product an exact i32; the sums wrap as
// the reference's).
#pragma once

#include <arm_neon.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "kernels/arm/requantize_neon.h"
#include "kernels/simd/qconv_depthwise.h"

namespace ingot::rt::arm {

using simd::QdwShape;

struct QdwChannelNeon {
  // dst_even[i] = src[2i], dst_odd[i] = src[2i + 1] for 2i < n, 32 inputs
  // at a time by LD2 (src readable up to n rounded up to 32).
  template <typename X>
  static void split_phases(const X* src, int64_t n, X* dst_even, X* dst_odd) {
    for (int64_t i = 0; 2 * i < n; i += 16) {
      const uint8x16x2_t phases = vld2q_u8(reinterpret_cast<const uint8_t*>(src + 2 * i));
      vst1q_u8(reinterpret_cast<uint8_t*>(dst_even + i), phases.val[0]);
      vst1q_u8(reinterpret_cast<uint8_t*>(dst_odd + i), phases.val[1]);
    }
  }

  // One channel: y[oy, ox] for the whole output plane.
  template <typename X, typename Y>
  static void run(const QdwShape& s, const X* plane, const int32_t* centred, int32_t bias, int32_t multiplier, int32_t shift,
                  const portable::Requantization& q, Y* y) {
    const int64_t width = s.row_width(), taps = s.kh * s.kw;
    const RowRequant requant = RowRequant::of(multiplier, shift);
    const OutputRange range = OutputRange::of(q.zero_point, q.lo, q.hi);
    for (int64_t oy = 0; oy < s.oh; ++oy) {
      for (int64_t ox = 0; ox < s.ow; ox += 16) {
        int32x4_t acc[4];
        for (int h = 0; h < 4; ++h) acc[h] = vdupq_n_s32(bias);
        for (int64_t t = 0; t < taps; ++t) {
          // The inputs of tap t: 16 consecutive values of its row and phase.
          const int64_t ky = t / s.kw, kx = t % s.kw;
          const int64_t row = (oy * s.stride + ky) * s.stride + (s.stride == 2 ? (kx & 1) : 0);
          const int64_t col = ox + (s.stride == 2 ? kx / 2 : kx);
          int16x8_t lo, hi;
          widen_16(plane + row * width + col, &lo, &hi);
          const int16_t w = static_cast<int16_t>(centred[t]);
          acc[0] = vmlal_n_s16(acc[0], vget_low_s16(lo), w);
          acc[1] = vmlal_high_n_s16(acc[1], lo, w);
          acc[2] = vmlal_n_s16(acc[2], vget_low_s16(hi), w);
          acc[3] = vmlal_high_n_s16(acc[3], hi, w);
        }
        for (int h = 0; h < 4; ++h) acc[h] = range.apply(requant.apply(acc[h]));
        uint8_t bytes[16];
        vst1_u8(bytes, narrow_8<std::is_signed_v<Y>>(acc[0], acc[1]));
        vst1_u8(bytes + 8, narrow_8<std::is_signed_v<Y>>(acc[2], acc[3]));
        std::memcpy(y + oy * s.ow + ox, bytes, static_cast<size_t>(std::min<int64_t>(16, s.ow - ox)));
      }
    }
  }

 private:
  static void widen_16(const uint8_t* p, int16x8_t* lo, int16x8_t* hi) {
    const uint8x16_t v = vld1q_u8(p);
    *lo = vreinterpretq_s16_u16(vmovl_u8(vget_low_u8(v)));
    *hi = vreinterpretq_s16_u16(vmovl_high_u8(v));
  }
  static void widen_16(const int8_t* p, int16x8_t* lo, int16x8_t* hi) {
    const int8x16_t v = vld1q_s8(p);
    *lo = vmovl_s8(vget_low_s8(v));
    *hi = vmovl_high_s8(v);
  }
};

template <typename Y>
Error qconv_depthwise_neon(KernelContext& ctx) { return simd::qconv_depthwise<QdwChannelNeon, Y>(ctx); }

}  // namespace ingot::rt::arm
