// max_pool of u8 or i8 data (../simd/max_pool_8bit.h) on AVX2: 32 bytes
// of row maxima at a time.
// Include only from files built with -mavx2.
#pragma once

#include <immintrin.h>

#include <cstdint>
#include <type_traits>

#include "kernels/simd/max_pool_8bit.h"

namespace ingot::rt::x86 {

template <typename T>
struct RowMaxAvx2 {
  static constexpr int64_t kBytes = 32;
  static void max_into(T* row, const T* src) {
    const __m256i a = _mm256_load_si256(reinterpret_cast<const __m256i*>(row));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src));
    _mm256_store_si256(reinterpret_cast<__m256i*>(row), std::is_signed_v<T> ? _mm256_max_epi8(a, b) : _mm256_max_epu8(a, b));
  }
};

template <typename T>
Error max_pool_8bit_avx2(KernelContext& ctx) { return simd::max_pool_8bit<RowMaxAvx2<T>, T>(ctx); }

}  // namespace ingot::rt::x86
