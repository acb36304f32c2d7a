// qadd (kernels/portable/qadd.cc) on AVX2 for operands of the output's
// size (a residual add): 16 elements at a time through the same steps as the
// reference, in i32 lanes (centre, shift left by 20, rescale each operand,
// add, requantize, offset, clamp), so every output is the reference's to the
// bit. The last partial vector goes through a zero-padded copy. Threads
// split the elements in blocks of whole vectors.
// Include only from files built with -mavx2.
#pragma once

#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/portable/qadd_operands.h"
#include "kernels/x86/requantize_avx2.h"

namespace ingot::rt::x86 {

// 8 elements of an 8-bit operand as i32 lanes.
inline __m256i widen_8(const uint8_t* p) { return _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p))); }
inline __m256i widen_8(const int8_t* p) { return _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p))); }

// The per-operand and output rescales as vectors.
struct QaddLanes {
  __m256i a_zero_point, b_zero_point;
  RowRequant a_rescale, b_rescale, requant;
  OutputRange range;

  static QaddLanes of(const portable::QaddOperands& ops) {
    const portable::Requantization& q = ops.requant;
    return {_mm256_set1_epi32(ops.a_zero_point),
            _mm256_set1_epi32(ops.b_zero_point),
            RowRequant::of(ops.a_multiplier, ops.a_shift),
            RowRequant::of(ops.b_multiplier, ops.b_shift),
            RowRequant::of(static_cast<int32_t>(q.multiplier[0]), static_cast<int32_t>(q.shift[0])),
            OutputRange::broadcast(q.zero_point, q.lo, q.hi)};
  }

  template <typename A, typename B>
  __m256i add_8(const A* a, const B* b) const {
    const __m256i av = _mm256_slli_epi32(_mm256_sub_epi32(widen_8(a), a_zero_point), portable::kQaddLeftShift);
    const __m256i bv = _mm256_slli_epi32(_mm256_sub_epi32(widen_8(b), b_zero_point), portable::kQaddLeftShift);
    return range.apply(requant.apply(_mm256_add_epi32(a_rescale.apply(av), b_rescale.apply(bv))));
  }
};

// Elements [begin, end) of y (begin a multiple of 16; end one too, or the
// last element).
template <typename A, typename B, typename Y>
void qadd_run(const QaddLanes& lanes, const A* a, const B* b, Y* y, int64_t begin, int64_t end) {
  int64_t i = begin;
  for (; i + 16 <= end; i += 16) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(y + i), narrow_16<std::is_signed_v<Y>>(lanes.add_8(a + i, b + i), lanes.add_8(a + i + 8, b + i + 8)));
  }
  if (i == end) return;
  const size_t n = static_cast<size_t>(end - i);
  A at[16] = {};
  B bt[16] = {};
  alignas(16) Y yt[16];
  std::memcpy(at, a + i, n);
  std::memcpy(bt, b + i, n);
  _mm_store_si128(reinterpret_cast<__m128i*>(yt), narrow_16<std::is_signed_v<Y>>(lanes.add_8(at, bt), lanes.add_8(at + 8, bt + 8)));
  std::memcpy(y + i, yt, n);
}

// Y: the output's type, uint8_t or int8_t (the variant's dtype).
template <typename Y>
Error qadd_vec_avx2(KernelContext& ctx) {
  portable::QaddOperands ops;
  if (Error e = portable::read_qadd_vec(ctx, std::is_signed_v<Y> ? DType::i8 : DType::u8, &ops); e != Error::ok) return e;
  const Tensor &a = *ops.a, &b = *ops.b, &y = *ops.y;
  const QaddLanes lanes = QaddLanes::of(ops);
  const int64_t vectors = (y.numel + 15) / 16;
  auto run = [&](auto a_type, auto b_type) {
    using A = decltype(a_type);
    using B = decltype(b_type);
    ctx.parallel_for(vectors, [&](int64_t begin, int64_t end) {
      qadd_run(lanes, a.as<A>(), b.as<B>(), y.as<Y>(), begin * 16, std::min(end * 16, y.numel));
    });
  };
  portable::with_8bit_types(a.dtype, b.dtype, run);
  return Error::ok;
}

}  // namespace ingot::rt::x86
