// The shared body of the f32 elementwise arithmetic kernels (add, sub, mul,
// div) for one vector ISA: operands of the result's size, single elements,
// one value per leading index (a per-channel [N, C, 1, 1] against
// [N, C, H, W]), or the result's trailing dims (a bias row [N] against
// [..., N]); the node's fused activation (relu, clip or silu) applied in
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
// being the block of the whole result. Or, with block 0, its dims are the
// result's trailing ones and it repeats every `period` elements (a bias row).
struct BinaryShape {
  const float* a;
  const float* b;
  float* y;
  int64_t n;
  int64_t a_block, b_block;
  int64_t a_period, b_period;
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

// The period of an operand that is the result's trailing dims (ones before
// them), or 0.
inline int64_t operand_period(const Tensor& x, const Tensor& y) {
  if (x.numel <= 1 || x.numel >= y.numel || x.rank > y.rank) return 0;
  const int32_t lead = y.rank - x.rank;
  int32_t d = y.rank;
  while (d > 0 && (d - 1 < lead ? 1 : x.dims[d - 1 - lead]) == y.dims[d - 1]) --d;  // the trailing dims it shares
  for (int32_t e = lead; e < d; ++e) {
    if (x.dims[e - lead] != 1) return 0;
  }
  return x.numel;
}

inline Error binary_shape(KernelContext& ctx, BinaryShape* s) {
  const Tensor* a = ctx.input(0);
  const Tensor* b = ctx.input(1);
  if (a == nullptr || b == nullptr || ctx.num_outputs() != 1) return ctx.fail("expects operands a and b");
  const Tensor& y = ctx.output(0);
  if (a->dtype != DType::f32 || b->dtype != DType::f32 || y.dtype != DType::f32) return ctx.fail("expects f32");
  s->a_block = operand_block(*a, y);
  s->b_block = operand_block(*b, y);
  s->a_period = s->a_block == 0 ? operand_period(*a, y) : 0;
  s->b_period = s->b_block == 0 ? operand_period(*b, y) : 0;
  auto spread = [&](int64_t block, int64_t period) { return period > 0 || (block > 1 && block < y.numel); };
  if ((s->a_block == 0 && s->a_period == 0) || (s->b_block == 0 && s->b_period == 0) ||
      (spread(s->a_block, s->a_period) && spread(s->b_block, s->b_period))) {
    return ctx.fail("operands must have the result's size, be single elements, or one of them one value per leading "
                    "index or the result's trailing dims");
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

// One operand over a span of the result: one value (splat), or elements
// read from `at` on (the element of the span's first result index).
struct SpanOperand {
  bool splat;
  float value;
  const float* at;
};

// y[begin, end) from a and b.
template <typename V, BinaryOp kOp>
void binary_span(const BinaryShape& s, int64_t begin, int64_t end, const SpanOperand& a_op, const SpanOperand& b_op,
                 const Activation& act) {
  const ActivationRegs<V> activate(act);
  const auto a_v = V::set1(a_op.value);
  const auto b_v = V::set1(b_op.value);
  int64_t i = begin;
  for (; i + V::kLanes <= end; i += V::kLanes) {
    const auto a = a_op.splat ? a_v : V::load(a_op.at + (i - begin));
    const auto b = b_op.splat ? b_v : V::load(b_op.at + (i - begin));
    V::store(s.y + i, activate(V::template op<kOp>(a, b)));
  }
  for (; i < end; ++i) {
    const float a = a_op.splat ? a_op.value : a_op.at[i - begin];
    const float b = b_op.splat ? b_op.value : b_op.at[i - begin];
    s.y[i] = activate_scalar<V>(apply_scalar<kOp>(a, b), act);
  }
}

// The operand over the span starting at result index i.
inline SpanOperand span_operand(const float* x, int64_t block, int64_t period, int64_t i) {
  if (period > 0) return {false, 0.0f, x + i % period};
  if (block > 1) return {true, x[i / block], nullptr};
  return {false, 0.0f, x + i};
}

// Elements [begin, end) of the result: spans over which each operand is
// read element by element (or by period) or is one value.
template <typename V, BinaryOp kOp>
void binary_range(const BinaryShape& s, const Activation& act, int64_t begin, int64_t end) {
  // The spread operand (blocks of more than one element, or a period) sets the spans.
  auto span_of = [&](int64_t block, int64_t period) { return period > 0 ? period : block > 1 && block < s.n ? block : 0; };
  int64_t span = span_of(s.a_block, s.a_period);
  if (span == 0) span = span_of(s.b_block, s.b_period);
  if (span == 0) span = s.n;
  for (int64_t i = begin; i < end;) {
    const int64_t span_end = std::min(end, (i / span + 1) * span);
    binary_span<V, kOp>(s, i, span_end, span_operand(s.a, s.a_block, s.a_period, i),
                        span_operand(s.b, s.b_block, s.b_period, i), act);
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
