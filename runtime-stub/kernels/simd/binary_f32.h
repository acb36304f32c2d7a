// The shared body of the f32 elementwise arithmetic kernels (add, sub, mul,
// div) for one vector ISA: operands of the result's shape, or one of them a
// single element; the node's fused activation (relu or clip) applied in
// registers. Each ISA file (binary_f32_avx2.cc, binary_f32_avx512.cc)
// instantiates it with its vector type; the compiler selects these kernels
// only for nodes they fit (compiler/kernel_variants.cc), and they check again.
#pragma once

#include <algorithm>

#include "ingot/kernel.h"
#include "kernels/simd/binary_op.h"
#include "kernels/simd/fused_clamp.h"

namespace ingot::rt::simd {

// How the operands cover the result: both full, or one a single element.
struct BinaryShape {
  const float* a;
  const float* b;
  float* y;
  int64_t n;
  bool a_scalar;
  bool b_scalar;
};

inline Error binary_shape(KernelContext& ctx, BinaryShape* s) {
  const Tensor* a = ctx.input(0);
  const Tensor* b = ctx.input(1);
  if (a == nullptr || b == nullptr || ctx.num_outputs() != 1) return ctx.fail("expects operands a and b");
  const Tensor& y = ctx.output(0);
  if (a->dtype != DType::f32 || b->dtype != DType::f32 || y.dtype != DType::f32) return ctx.fail("expects f32");
  s->a_scalar = a->numel == 1 && y.numel != 1;
  s->b_scalar = b->numel == 1 && y.numel != 1;
  if ((!s->a_scalar && a->numel != y.numel) || (!s->b_scalar && b->numel != y.numel)) {
    return ctx.fail("operands must have the result's size or be single elements");
  }
  s->a = a->as<float>();
  s->b = b->as<float>();
  s->y = y.as<float>();
  s->n = y.numel;
  return Error::ok;
}

template <BinaryOp kOp>
inline float apply_scalar(float a, float b) {
  if constexpr (kOp == BinaryOp::add) return a + b;
  if constexpr (kOp == BinaryOp::sub) return a - b;
  if constexpr (kOp == BinaryOp::mul) return a * b;
  return a / b;
}

// The portable kernel clamps with "x < lo ? lo : x" (NaN passes); max/min
// with the operand second return it for NaN too.
inline float clamp_scalar(float x, const Clamp& c) {
  if (x < c.lo) x = c.lo;
  if (c.hi < x) x = c.hi;
  return x;
}

// Elements [begin, end) of the result.
template <typename V, BinaryOp kOp>
void binary_range(const BinaryShape& s, const Clamp& clamp, int64_t begin, int64_t end) {
  const auto lo = V::set1(clamp.lo);
  const auto hi = V::set1(clamp.hi);
  const auto a_splat = V::set1(s.a[0]);
  const auto b_splat = V::set1(s.b[0]);
  int64_t i = begin;
  for (; i + V::kLanes <= end; i += V::kLanes) {
    const auto a = s.a_scalar ? a_splat : V::load(s.a + i);
    const auto b = s.b_scalar ? b_splat : V::load(s.b + i);
    V::store(s.y + i, V::clamp(V::template op<kOp>(a, b), lo, hi));
  }
  for (; i < end; ++i) {
    const float a = s.a_scalar ? s.a[0] : s.a[i];
    const float b = s.b_scalar ? s.b[0] : s.b[i];
    s.y[i] = clamp_scalar(apply_scalar<kOp>(a, b), clamp);
  }
}

// V: the vector traits of the ISA (x86/vec_avx2.h, x86/vec_avx512.h, ...).
template <typename V, BinaryOp kOp>
Error binary_f32(KernelContext& ctx) {
  BinaryShape s{};
  if (Error e = binary_shape(ctx, &s); e != Error::ok) return e;
  Clamp clamp;
  if (Error e = read_clamp(ctx, &clamp); e != Error::ok) return e;
  // Blocks of whole vectors, split over the threads when the tensor is big
  // enough to pay for waking them.
  constexpr int64_t kBlock = 16 * 1024;
  const int64_t blocks = s.n >= 2 * kBlock ? (s.n + kBlock - 1) / kBlock : 1;
  ctx.parallel_for(blocks, [&](int64_t begin, int64_t end) {
    binary_range<V, kOp>(s, clamp, begin * kBlock, std::min(end * kBlock, s.n));
  });
  return Error::ok;
}

}  // namespace ingot::rt::simd
