// qmatmul (kernels/portable/qmatmul.cc) for a 2-D b (the weights of a
// classifier or a linear layer), the ISA-free part of the vector variants
// (../x86/qmatmul_rows_avx2.h, ../arm/qmatmul_rows_neon.h): the operands
// of portable/qmatmul_operands.h, each row of a against the ISA's
// blocks of columns of b, and the columns past the last block in the
// reference's scalar arithmetic. Threads split the rows (one row: the
// column blocks).
#pragma once

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/portable/qmatmul_operands.h"

namespace ingot::rt::simd {

using QmatmulRows = portable::QmatmulOperands;

// y[i, j] for one column past the vector blocks: the reference's arithmetic.
template <typename A, typename B, typename Y>
void qmatmul_column(const QmatmulRows& q, int64_t i, int64_t j) {
  const A* a = q.a->as<A>() + i * q.k;
  const B* b = q.b->as<B>() + j;
  const int32_t b_zero_point = q.b_zero_point_of(j);
  uint32_t acc = q.bias != nullptr ? static_cast<uint32_t>(q.bias->as<int32_t>()[j]) : 0u;
  for (int64_t p = 0; p < q.k; ++p) {
    acc += static_cast<uint32_t>((int32_t{a[p]} - q.a_zero_point) * (int32_t{b[p * q.n]} - b_zero_point));
  }
  const int32_t sum = static_cast<int32_t>(acc);
  q.y->as<Y>()[i * q.n + j] = static_cast<Y>(q.requant.enabled ? q.requant.apply(sum, j) : sum);
}

template <typename Block, typename A, typename B, typename Y>
void qmatmul_rows_run(const QmatmulRows& q, int64_t begin, int64_t end) {
  const int64_t blocks = q.n / Block::kCols;
  const int64_t per_row = blocks + (q.n % Block::kCols != 0 ? 1 : 0);
  for (int64_t index = begin; index < end; ++index) {
    const int64_t i = index / per_row, block = index % per_row;
    if (block < blocks) {
      Block::template run<A, B, Y>(q, i, block * Block::kCols);
    } else {
      for (int64_t j = blocks * Block::kCols; j < q.n; ++j) qmatmul_column<A, B, Y>(q, i, j);
    }
  }
}

// Y: the output's type, uint8_t or int8_t (requantized), or int32_t (the raw
// sums, as ONNX MatMulInteger and int8-dynamic's products) (the variant's
// dtype); Block: the ISA's block of Block::kCols columns
// (Block::run<A, B, Y>(q, i, j0) writes y[i, j0 .. j0 + kCols)).
template <typename Block, typename Y>
Error qmatmul_rows(KernelContext& ctx) {
  QmatmulRows q;
  const DType y_dtype = std::is_same_v<Y, int32_t> ? DType::i32 : std::is_signed_v<Y> ? DType::i8 : DType::u8;
  if (Error e = portable::read_qmatmul_2d(ctx, y_dtype, &q); e != Error::ok) return e;
  if (q.y->numel == 0) return Error::ok;
  const int64_t per_row = q.n / Block::kCols + (q.n % Block::kCols != 0 ? 1 : 0);
  portable::with_8bit_types(q.a->dtype, q.b->dtype, [&](auto a_type, auto b_type) {
    using A = decltype(a_type);
    using B = decltype(b_type);
    ctx.parallel_for(q.rows * per_row, [&](int64_t begin, int64_t end) { qmatmul_rows_run<Block, A, B, Y>(q, begin, end); });
  });
  return Error::ok;
}

}  // namespace ingot::rt::simd
