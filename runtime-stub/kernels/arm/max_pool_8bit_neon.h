// max_pool of u8 or i8 data (../simd/max_pool_8bit.h) on NEON: 16 bytes of
// row maxima at a time.
#pragma once

#include <arm_neon.h>

#include <cstdint>
#include <type_traits>

#include "kernels/simd/max_pool_8bit.h"

namespace ingot::rt::arm {

inline void max_16(uint8_t* row, const uint8_t* src) { vst1q_u8(row, vmaxq_u8(vld1q_u8(row), vld1q_u8(src))); }
inline void max_16(int8_t* row, const int8_t* src) { vst1q_s8(row, vmaxq_s8(vld1q_s8(row), vld1q_s8(src))); }

template <typename T>
struct RowMaxNeon {
  static constexpr int64_t kBytes = 16;
  static void max_into(T* row, const T* src) { max_16(row, src); }
};

template <typename T>
Error max_pool_8bit_neon(KernelContext& ctx) { return simd::max_pool_8bit<RowMaxNeon<T>, T>(ctx); }

}  // namespace ingot::rt::arm
