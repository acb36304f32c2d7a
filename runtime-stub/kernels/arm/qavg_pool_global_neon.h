// The global qavg_pool (../simd/qavg_pool_global.h) on NEON: 16 bytes at a
// time, xor-flipped and widened by pairwise adds into two u64 lanes.
#pragma once

#include <arm_neon.h>

#include <cstdint>

#include "kernels/simd/qavg_pool_global.h"

namespace ingot::rt::arm {

struct ByteSumNeon {
  using Acc = uint64x2_t;
  static constexpr int64_t kBlock = 16;

  static Acc zero() { return vdupq_n_u64(0); }
  static Acc add(Acc acc, const uint8_t* p, uint8_t flip) {
    const uint8x16_t v = veorq_u8(vld1q_u8(p), vdupq_n_u8(flip));
    return vpadalq_u32(acc, vpaddlq_u16(vpaddlq_u8(v)));
  }
  static int64_t total(Acc acc) { return static_cast<int64_t>(vaddvq_u64(acc)); }
};

template <typename T>
Error qavg_pool_global_neon(KernelContext& ctx) { return simd::qavg_pool_global<ByteSumNeon, T>(ctx); }

}  // namespace ingot::rt::arm
