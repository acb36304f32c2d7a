// qadd (kernels/portable/qadd.cc) on NEON for operands of the output's size
// (a residual add): 8 elements at a time through the same steps as the
// reference, in i32 lanes (centre, shift left by 20, rescale each operand,
// add, requantize, offset, clamp; requantize_neon.h), so every output is the
// reference's to the bit, as the AVX2 kernel (../x86/qadd_vec_avx2.h). The
// last partial vector goes through a zero-padded copy. Threads split the
// elements in blocks of whole vectors.
#pragma once

#include <arm_neon.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/arm/requantize_neon.h"
#include "kernels/arm/widen_neon.h"
#include "kernels/portable/qadd_operands.h"

namespace ingot::rt::arm {

// The per-operand and output rescales as vectors.
struct QaddLanes {
  int16x8_t a_zero_point, b_zero_point;
  RowRequant a_rescale, b_rescale, requant;
  OutputRange range;

  static QaddLanes of(const portable::QaddOperands& ops) {
    const portable::Requantization& q = ops.requant;
    return {vdupq_n_s16(static_cast<int16_t>(ops.a_zero_point)),
            vdupq_n_s16(static_cast<int16_t>(ops.b_zero_point)),
            RowRequant::of(ops.a_multiplier, ops.a_shift),
            RowRequant::of(ops.b_multiplier, ops.b_shift),
            RowRequant::of(static_cast<int32_t>(q.multiplier[0]), static_cast<int32_t>(q.shift[0])),
            OutputRange::of(q.zero_point, q.lo, q.hi)};
  }

  // 8 bytes of y from 8 of a and b.
  template <typename A, typename B, typename Y>
  uint8x8_t add_8(const A* a, const B* b) const {
    // x - zero_point lies in [-255, 255]: exact in i16; << 20 stays in i32.
    const int16x8_t ac = vsubq_s16(widen_8(a), a_zero_point), bc = vsubq_s16(widen_8(b), b_zero_point);
    int32x4_t sum[2];
    for (int h = 0; h < 2; ++h) {
      const int32x4_t av = vshlq_n_s32(vmovl_s16(h == 0 ? vget_low_s16(ac) : vget_high_s16(ac)), portable::kQaddLeftShift);
      const int32x4_t bv = vshlq_n_s32(vmovl_s16(h == 0 ? vget_low_s16(bc) : vget_high_s16(bc)), portable::kQaddLeftShift);
      sum[h] = range.apply(requant.apply(vaddq_s32(a_rescale.apply(av), b_rescale.apply(bv))));
    }
    return narrow_8<std::is_signed_v<Y>>(sum[0], sum[1]);
  }

};

// Elements [begin, end) of y (begin a multiple of 8; end one too, or the
// last element).
template <typename A, typename B, typename Y>
void qadd_run(const QaddLanes& lanes, const A* a, const B* b, Y* y, int64_t begin, int64_t end) {
  int64_t i = begin;
  for (; i + 8 <= end; i += 8) vst1_u8(reinterpret_cast<uint8_t*>(y + i), lanes.add_8<A, B, Y>(a + i, b + i));
  if (i == end) return;
  const size_t n = static_cast<size_t>(end - i);
  A at[8] = {};
  B bt[8] = {};
  uint8_t yt[8];
  std::memcpy(at, a + i, n);
  std::memcpy(bt, b + i, n);
  vst1_u8(yt, lanes.add_8<A, B, Y>(at, bt));
  std::memcpy(y + i, yt, n);
}

// Y: the output's type, uint8_t or int8_t (the variant's dtype).
template <typename Y>
Error qadd_vec_neon(KernelContext& ctx) {
  portable::QaddOperands ops;
  if (Error e = portable::read_qadd_vec(ctx, std::is_signed_v<Y> ? DType::i8 : DType::u8, &ops); e != Error::ok) return e;
  const Tensor &a = *ops.a, &b = *ops.b, &y = *ops.y;
  const QaddLanes lanes = QaddLanes::of(ops);
  const int64_t vectors = (y.numel + 7) / 8;
  auto run = [&](auto a_type, auto b_type) {
    using A = decltype(a_type);
    using B = decltype(b_type);
    ctx.parallel_for(vectors, [&](int64_t begin, int64_t end) {
      qadd_run(lanes, a.as<A>(), b.as<B>(), y.as<Y>(), begin * 8, std::min(end * 8, y.numel));
    });
  };
  portable::with_8bit_types(a.dtype, b.dtype, run);
  return Error::ok;
}

}  // namespace ingot::rt::arm
