// The shared body of the f32 elementwise arithmetic kernels (add, sub, mul,
// div) for one vector ISA: operands of the result's size, single elements,
// or one value per leading index (a per-channel [N, C, 1, 1] against
// [N, C, H, W]); the node's fused activation (relu, clip or silu) applied in
// registers. Each ISA file (binary_f32_avx2.cc, binary_f32_avx512.cc)
// instantiates it with its vector type; the compiler selects these kernels
// only for nodes they fit (compiler/kernel_variants.cc), and they check again.
#pragma once

#include <algorithm>

#include "ingot/kernel.h"
#include "kernels/simd/binary_op.h"
#include "kernels/simd/fused_activation.h"

namespace ingot::rt::simd {

// How an operand covers the result: element for element (block 1), or one
// element per block of `block` consecutive result elements: its dims are the
// result's leading dims followed by ones (a per-channel scale [N, C, 1, 1]
// against [N, C, H, W], efficientnet's squeeze-excite), a single element
// being the block of the whole result.
struct BinaryShape {
  const float* a;
  const float* b;
  float* y;
  int64_t n;
  int64_t a_block;
  int64_t b_block;
};

// The block of an operand against the result, or 0 when it covers it otherwise.
inline int64_t operand_block(const Tensor& x, const Tensor& y) {
  if (x.numel == y.numel) return 1;
  if (x.numel == 1) return y.numel;
  if (x.numel == 0 || x.rank > y.rank) return 0;
  const int32_t lead = y.rank - x.rank;
  int32_t d = 0;
  while (d < y.rank && (d < lead ? 1 : x.dims[d - lead]) == y.dims[d]) ++d;  // the leading dims it shares
  for (int32_t e = d; e < y.rank; ++e) {
    if ((e < lead ? 1 : x.dims[e - lead]) != 1) return 0;
  }
  return y.numel / x.numel;
}

inline Error binary_shape(KernelContext& ctx, BinaryShape* s) {
  const Tensor* a = ctx.input(0);
  const Tensor* b = ctx.input(1);
  if (a == nullptr || b == nullptr || ctx.num_outputs() != 1) return ctx.fail("expects operands a and b");
  const Tensor& y = ctx.output(0);
  if (a->dtype != DType::f32 || b->dtype != DType::f32 || y.dtype != DType::f32) return ctx.fail("expects f32");
  s->a_block = operand_block(*a, y);
  s->b_block = operand_block(*b, y);
  if (s->a_block == 0 || s->b_block == 0 || (s->a_block > 1 && s->b_block > 1 && s->a_block != y.numel && s->b_block != y.numel)) {
    return ctx.fail("operands must have the result's size, be single elements, or one of them one value per leading index");
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

// y[begin, end) from a and b where each is one element (kSplatA / kSplatB:
// a_value / b_value) or read at the result's index.
template <typename V, BinaryOp kOp>
void binary_span(const BinaryShape& s, int64_t begin, int64_t end, bool a_splat, bool b_splat, float a_value, float b_value,
                 const Activation& act) {
  const ActivationRegs<V> activate(act);
  const auto a_v = V::set1(a_value);
  const auto b_v = V::set1(b_value);
  int64_t i = begin;
  for (; i + V::kLanes <= end; i += V::kLanes) {
    const auto a = a_splat ? a_v : V::load(s.a + i);
    const auto b = b_splat ? b_v : V::load(s.b + i);
    V::store(s.y + i, activate(V::template op<kOp>(a, b)));
  }
  for (; i < end; ++i) {
    const float a = a_splat ? a_value : s.a[i];
    const float b = b_splat ? b_value : s.b[i];
    s.y[i] = activate_scalar<V>(apply_scalar<kOp>(a, b), act);
  }
}

// Elements [begin, end) of the result: spans over which each operand is
// either read element by element or one value.
template <typename V, BinaryOp kOp>
void binary_range(const BinaryShape& s, const Activation& act, int64_t begin, int64_t end) {
  // The operand with the smaller blocks (more than one element each) sets the spans.
  const int64_t block = s.a_block > 1 && s.a_block < s.n ? s.a_block : s.b_block > 1 && s.b_block < s.n ? s.b_block : s.n;
  const bool a_splat = s.a_block > 1, b_splat = s.b_block > 1;
  for (int64_t i = begin; i < end;) {
    const int64_t span_end = std::min(end, (i / block + 1) * block);
    binary_span<V, kOp>(s, i, span_end, a_splat, b_splat, a_splat ? s.a[i / s.a_block] : 0.0f, b_splat ? s.b[i / s.b_block] : 0.0f,
                        act);
    i = span_end;
  }
}

// V: the vector traits of the ISA (x86/vec_avx2.h, x86/vec_avx512.h, ...).
template <typename V, BinaryOp kOp>
Error binary_f32(KernelContext& ctx) {
  BinaryShape s{};
  if (Error e = binary_shape(ctx, &s); e != Error::ok) return e;
  Activation act;
  if (Error e = read_activation(ctx, &act); e != Error::ok) return e;
  if (s.n == 0) return Error::ok;
  // Blocks of whole vectors, split over the threads when the tensor is big
  // enough to pay for waking them.
  constexpr int64_t kBlock = 16 * 1024;
  const int64_t block = s.n >= 2 * kBlock ? kBlock : s.n;
  ctx.parallel_for((s.n + block - 1) / block, [&](int64_t begin, int64_t end) {
    binary_range<V, kOp>(s, act, begin * block, std::min(end * block, s.n));
  });
  return Error::ok;
}

}  // namespace ingot::rt::simd
