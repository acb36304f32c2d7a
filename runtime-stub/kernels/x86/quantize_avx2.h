// quantize (f32 -> u8/i8) and dequantize (u8/i8 -> f32) with one scale and
// zero point for the whole tensor (and i32 -> f32 with a scale per column), on AVX2, bit for bit the reference
// kernels (quantize.cc, dequantize.cc): the int8 programs convert at their
// edges and around the ops that stay float (concat, pooling), and the
// reference's per-element double arithmetic there cost more than the
// integer convolutions. The same IEEE operations in the same precision:
//   quantize:   q = x / scale in f32, rounded half to even (vroundps),
//               plus the zero point, clamped to the 8-bit range (NaN: the
//               zero point). Near the range every value is an exact float;
//               beyond it both clamp.
//   dequantize: float(x - zero_point) * scale in f32.
// The last partial vector goes through a padded copy; threads split the
// elements in blocks of whole vectors.
// Include only from files built with -mavx2.
#pragma once

#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/portable/quant_util.h"

namespace ingot::rt::x86 {

// 16 floats quantized to 16 bytes of Y.
template <typename Y>
inline __m128i quantize_16(const float* x, __m256 scale, __m256 zero_point, __m256 lo, __m256 hi) {
  __m256i q[2];
  for (int half = 0; half < 2; ++half) {
    const __m256 v = _mm256_div_ps(_mm256_loadu_ps(x + 8 * half), scale);
    const __m256 rounded = _mm256_add_ps(_mm256_round_ps(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC), zero_point);
    const __m256 value = _mm256_blendv_ps(rounded, zero_point, _mm256_cmp_ps(v, v, _CMP_UNORD_Q));
    q[half] = _mm256_cvtps_epi32(_mm256_min_ps(_mm256_max_ps(value, lo), hi));
  }
  const __m256i words = _mm256_permute4x64_epi64(_mm256_packs_epi32(q[0], q[1]), 0xD8);
  const __m128i a = _mm256_castsi256_si128(words), b = _mm256_extracti128_si256(words, 1);
  return std::is_signed_v<Y> ? _mm_packs_epi16(a, b) : _mm_packus_epi16(a, b);
}

template <typename Y>
Error quantize_vec_avx2(KernelContext& ctx) {
  float scale = 1;
  int32_t zero_point = 0;
  if (Error e = portable::read_quantize_vec(ctx, std::is_signed_v<Y> ? DType::i8 : DType::u8, &scale, &zero_point); e != Error::ok) {
    return e;
  }
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  const __m256 s = _mm256_set1_ps(scale), zp = _mm256_set1_ps(static_cast<float>(zero_point));
  const __m256 lo = _mm256_set1_ps(std::is_signed_v<Y> ? -128.0f : 0.0f), hi = _mm256_set1_ps(std::is_signed_v<Y> ? 127.0f : 255.0f);
  const float* in = x->as<float>();
  Y* out = y.as<Y>();
  ctx.parallel_for((y.numel + 15) / 16, [&](int64_t begin, int64_t end) {
    const int64_t stop = std::min(end * 16, y.numel);
    int64_t i = begin * 16;
    for (; i + 16 <= stop; i += 16) _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), quantize_16<Y>(in + i, s, zp, lo, hi));
    if (i < stop) {
      float padded[16] = {};
      alignas(16) Y bytes[16];
      std::memcpy(padded, in + i, static_cast<size_t>(stop - i) * sizeof(float));
      _mm_store_si128(reinterpret_cast<__m128i*>(bytes), quantize_16<Y>(padded, s, zp, lo, hi));
      std::memcpy(out + i, bytes, static_cast<size_t>(stop - i));
    }
  });
  return Error::ok;
}

// 8 elements of an 8-bit tensor as i32 lanes.
inline __m256i load_8_as_i32(const uint8_t* p) { return _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p))); }
inline __m256i load_8_as_i32(const int8_t* p) { return _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p))); }

template <typename X>
void dequantize_run(const X* in, float* out, int64_t begin, int64_t end, __m256i zero_point, __m256 scale) {
  int64_t i = begin;
  auto convert = [&](const X* p) { return _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(load_8_as_i32(p), zero_point)), scale); };
  for (; i + 8 <= end; i += 8) _mm256_storeu_ps(out + i, convert(in + i));
  if (i < end) {
    X padded[8] = {};
    float values[8];
    std::memcpy(padded, in + i, static_cast<size_t>(end - i));
    _mm256_storeu_ps(values, convert(padded));
    std::memcpy(out + i, values, static_cast<size_t>(end - i) * sizeof(float));
  }
}

inline Error dequantize_vec_avx2(KernelContext& ctx) {
  float scale = 1;
  int32_t zero_point = 0;
  if (Error e = portable::read_dequantize_vec(ctx, &scale, &zero_point); e != Error::ok) return e;
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  const __m256i zp = _mm256_set1_epi32(zero_point);
  const __m256 s = _mm256_set1_ps(scale);
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

// dequantize of i32 (a product's raw sums: int8-dynamic, MatMulInteger)
// without a zero point, one f32 scale per position along the last axis
// (or one for the tensor): float(x) * scale[j] in f32, as the reference
// (its double x - 0 is x exactly, and both round it to f32 to nearest even).
inline Error dequantize_axis_avx2(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor* s = ctx.input(1);
  const Tensor& y = ctx.output(0);
  if (x == nullptr || x->dtype != DType::i32 || y.dtype != DType::f32 || x->numel != y.numel || x->rank < 1) {
    return ctx.fail("this variant dequantizes i32 to f32 of the same size");
  }
  if (ctx.input(2) != nullptr) return ctx.fail("this variant takes no zero point");
  const int64_t n = x->dims[x->rank - 1];
  if (s == nullptr || s->dtype != DType::f32 || s->rank > 1 ||
      (s->numel != 1 && (s->numel != n || ctx.attr_int("axis", 0) != x->rank - 1))) {
    return ctx.fail("this variant takes one f32 scale, or one per position along the last axis");
  }
  if (y.numel == 0) return Error::ok;
  const int64_t rows = x->numel / n;
  const bool per_tensor = s->numel == 1;
  const float* scale = s->as<float>();
  ctx.parallel_for(rows, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      const int32_t* in = x->as<int32_t>() + r * n;
      float* out = y.as<float>() + r * n;
      int64_t j = 0;
      for (; j + 8 <= n; j += 8) {
        const __m256 v = _mm256_cvtepi32_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + j)));
        _mm256_storeu_ps(out + j, _mm256_mul_ps(v, per_tensor ? _mm256_set1_ps(scale[0]) : _mm256_loadu_ps(scale + j)));
      }
      for (; j < n; ++j) out[j] = static_cast<float>(in[j]) * scale[per_tensor ? 0 : j];
    }
  });
  return Error::ok;
}

}  // namespace ingot::rt::x86
