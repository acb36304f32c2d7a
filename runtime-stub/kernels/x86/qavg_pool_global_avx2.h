// The global qavg_pool (../simd/qavg_pool_global.h) on AVX2: 32 bytes at a
// time, xor-flipped and summed into four u64 lanes by vpsadbw against zero.
// Include only from files built with -mavx2.
#pragma once

#include <immintrin.h>

#include <cstdint>

#include "kernels/simd/qavg_pool_global.h"

namespace ingot::rt::x86 {

struct ByteSumAvx2 {
  using Acc = __m256i;
  static constexpr int64_t kBlock = 32;

  static Acc zero() { return _mm256_setzero_si256(); }
  static Acc add(Acc acc, const uint8_t* p, uint8_t flip) {
    const __m256i v = _mm256_xor_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)), _mm256_set1_epi8(static_cast<char>(flip)));
    return _mm256_add_epi64(acc, _mm256_sad_epu8(v, _mm256_setzero_si256()));
  }
  static int64_t total(Acc acc) {
    const __m128i halves = _mm_add_epi64(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
    return _mm_cvtsi128_si64(_mm_add_epi64(halves, _mm_unpackhi_epi64(halves, halves)));
  }
};

template <typename T>
Error qavg_pool_global_avx2(KernelContext& ctx) { return simd::qavg_pool_global<ByteSumAvx2, T>(ctx); }

}  // namespace ingot::rt::x86
