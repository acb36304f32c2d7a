// quantize (f32 -> u8/i8) and dequantize (u8/i8 -> f32) with one scale and
// zero point for the whole tensor, on NEON, bit for bit the reference
// kernels (quantize.cc, dequantize.cc), with the AVX2 kernels' IEEE steps
// (../x86/quantize_avx2.h says why they are the reference's):
//   quantize:   q = x / scale in f32 (FDIV), rounded half to even (FRINTN),
//               plus the zero point, clamped to the 8-bit range (NaN: the
//               zero point);
//   dequantize: float(x - zero_point) * scale in f32.
// The last partial vector goes through a padded copy; threads split the
// elements in blocks of whole vectors.
#pragma once

#include <arm_neon.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/arm/widen_neon.h"
#include "kernels/portable/quant_util.h"

namespace ingot::rt::arm {

// 8 floats quantized to 8 bytes of Y.
template <typename Y>
inline uint8x8_t quantize_8(const float* x, float32x4_t scale, float32x4_t zero_point, float32x4_t lo, float32x4_t hi) {
  int32x4_t q[2];
  for (int half = 0; half < 2; ++half) {
    const float32x4_t v = vdivq_f32(vld1q_f32(x + 4 * half), scale);
    const float32x4_t rounded = vaddq_f32(vrndnq_f32(v), zero_point);
    const float32x4_t value = vbslq_f32(vceqq_f32(v, v), rounded, zero_point);  // NaN: the zero point
    // The clamped value is an integer in range: the conversion is exact.
    q[half] = vcvtq_s32_f32(vminq_f32(vmaxq_f32(value, lo), hi));
  }
  const int16x8_t words = vcombine_s16(vqmovn_s32(q[0]), vqmovn_s32(q[1]));
  return std::is_signed_v<Y> ? vreinterpret_u8_s8(vqmovn_s16(words)) : vqmovun_s16(words);
}

template <typename Y>
Error quantize_vec_neon(KernelContext& ctx) {
  float scale = 1;
  int32_t zero_point = 0;
  if (Error e = portable::read_quantize_vec(ctx, std::is_signed_v<Y> ? DType::i8 : DType::u8, &scale, &zero_point); e != Error::ok) {
    return e;
  }
  const float32x4_t s = vdupq_n_f32(scale), zp = vdupq_n_f32(static_cast<float>(zero_point));
  const float32x4_t lo = vdupq_n_f32(std::is_signed_v<Y> ? -128.0f : 0.0f), hi = vdupq_n_f32(std::is_signed_v<Y> ? 127.0f : 255.0f);
  const float* in = ctx.input(0)->as<float>();
  const Tensor& y = ctx.output(0);
  uint8_t* out = static_cast<uint8_t*>(y.data);
  ctx.parallel_for((y.numel + 7) / 8, [&](int64_t begin, int64_t end) {
    const int64_t stop = std::min(end * 8, y.numel);
    int64_t i = begin * 8;
    for (; i + 8 <= stop; i += 8) vst1_u8(out + i, quantize_8<Y>(in + i, s, zp, lo, hi));
    if (i < stop) {
      float padded[8] = {};
      uint8_t bytes[8];
      std::memcpy(padded, in + i, static_cast<size_t>(stop - i) * sizeof(float));
      vst1_u8(bytes, quantize_8<Y>(padded, s, zp, lo, hi));
      std::memcpy(out + i, bytes, static_cast<size_t>(stop - i));
    }
  });
  return Error::ok;
}

template <typename X>
void dequantize_run(const X* in, float* out, int64_t begin, int64_t end, int16x8_t zero_point, float32x4_t scale) {
  // x - zero_point lies in [-255, 255]: exact in i16, then in i32 and f32.
  auto convert = [&](const X* p, float* dst) {
    const int16x8_t centred = vsubq_s16(widen_8(p), zero_point);
    vst1q_f32(dst, vmulq_f32(vcvtq_f32_s32(vmovl_s16(vget_low_s16(centred))), scale));
    vst1q_f32(dst + 4, vmulq_f32(vcvtq_f32_s32(vmovl_high_s16(centred)), scale));
  };
  int64_t i = begin;
  for (; i + 8 <= end; i += 8) convert(in + i, out + i);
  if (i < end) {
    X padded[8] = {};
    float values[8];
    std::memcpy(padded, in + i, static_cast<size_t>(end - i));
    convert(padded, values);
    std::memcpy(out + i, values, static_cast<size_t>(end - i) * sizeof(float));
  }
}

inline Error dequantize_vec_neon(KernelContext& ctx) {
  float scale = 1;
  int32_t zero_point = 0;
  if (Error e = portable::read_dequantize_vec(ctx, &scale, &zero_point); e != Error::ok) return e;
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  const int16x8_t zp = vdupq_n_s16(static_cast<int16_t>(zero_point));
  const float32x4_t s = vdupq_n_f32(scale);
  ctx.parallel_for((y.numel + 7) / 8, [&](int64_t begin, int64_t end) {
    const int64_t stop = std::min(end * 8, y.numel);
    if (x->dtype == DType::u8) {
      dequantize_run(x->as<uint8_t>(), y.as<float>(), begin * 8, stop, zp, s);
    } else {
      dequantize_run(x->as<int8_t>(), y.as<float>(), begin * 8, stop, zp, s);
    }
  });
  return Error::ok;
}

}  // namespace ingot::rt::arm
