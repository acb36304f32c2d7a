// matmul, gemm and pointwise conv on f32, as calls of one GEMM routine
// (gemm_f32.h instantiated for an ISA). Each function checks the shapes the
// compiler selected it for (compiler/kernel_variants.cc) and refuses others.
#pragma once

#include <algorithm>

#include "ingot/kernel.h"
#include "kernels/simd/f32_operands.h"
#include "kernels/simd/fused_activation.h"
#include "kernels/simd/gemm_f32.h"
#include "kernels/simd/pack_f32.h"

namespace ingot::rt::simd {

using GemmFn = void (*)(const GemmArgs&);

// Runs one GEMM on the context's threads: split along N in blocks of
// kSplitCols columns, or along M in blocks of kSplitRows rows when that gives
// more blocks. Blocks are whole microkernel tiles of every ISA (NR = 16, 32
// or 8; MR = 6, 12 or 8), so splitting adds no tail tiles. Small products
// stay on one thread: waking the others costs more.
inline void parallel_gemm(const KernelContext& ctx, GemmFn gemm, const GemmArgs& g) {
  constexpr int64_t kSplitCols = 64, kSplitRows = 24, kMinMacs = int64_t{1} << 16;
  const int64_t col_blocks = (g.n + kSplitCols - 1) / kSplitCols, row_blocks = (g.m + kSplitRows - 1) / kSplitRows;
  if (ctx.threads() == 1 || g.m * g.n * g.k < kMinMacs || (col_blocks < 2 && row_blocks < 2)) return gemm(g);
  if (col_blocks >= row_blocks) {
    ctx.parallel_for(col_blocks, [&](int64_t begin, int64_t end) {
      GemmArgs part = g;
      const int64_t j0 = begin * kSplitCols;
      part.n = std::min(end * kSplitCols, g.n) - j0;
      part.b += g.b_packed ? j0 * g.ldb : j0;  // a packed B's panels are K * NR apart
      part.c += j0;
      if (part.bias_col != nullptr) part.bias_col += j0;
      gemm(part);
    });
  } else {
    ctx.parallel_for(row_blocks, [&](int64_t begin, int64_t end) {
      GemmArgs part = g;
      const int64_t i0 = begin * kSplitRows;
      part.m = std::min(end * kSplitRows, g.m) - i0;
      part.a += i0 * g.lda;
      part.c += i0 * g.ldc;
      if (part.bias_row != nullptr) part.bias_row += i0;
      gemm(part);
    });
  }
}

// Whether the node's `packed` attribute is the one this kernel reads: panels
// of `count` rows (side 'm') or columns (side 'n'), or none when count is 0.
inline Error check_packed(const KernelContext& ctx, char side, int64_t count) {
  const char* attr = ctx.attr_string("packed");
  if (count == 0 ? attr[0] == '\0' : packed_attr(attr, side) == count) return Error::ok;
  if (count == 0) return ctx.fail("weights packed as %s need a packed kernel", attr);
  return ctx.fail("expects weights packed as %cr%lld, not '%s'", side, static_cast<long long>(count), attr);
}

inline Error start_args(KernelContext& ctx, GemmArgs* g) {
  return read_activation(ctx, &g->act);
}

// matmul: a [..., M, K] by b [K, N] (weights) or b [..., K, N] with a's
// batch dims; optional bias [N]. packed_cols: b is 2-D in the column panels
// of pack_f32.h of that width (the `*_packed` variants), else 0.
inline Error matmul_f32(KernelContext& ctx, GemmFn gemm, int64_t packed_cols = 0) {
  F32Operands ops;
  if (Error e = f32_operands(ctx, &ops); e != Error::ok) return e;
  const Tensor* a = ops.a;
  const Tensor* b = ops.b;
  const Tensor* bias = ops.bias;
  const Tensor& y = *ops.y;
  if (a->rank < 2 || b->rank < 2 || y.rank != a->rank) return ctx.fail("expects matrices");
  GemmArgs g;
  if (Error e = start_args(ctx, &g); e != Error::ok) return e;
  g.m = a->dims[a->rank - 2];
  g.k = a->dims[a->rank - 1];
  g.n = b->dims[b->rank - 1];
  if (b->dims[b->rank - 2] != g.k || y.dims[y.rank - 2] != g.m || y.dims[y.rank - 1] != g.n) {
    return ctx.fail("operand shapes do not multiply");
  }
  const int64_t batches = a->numel / (g.m * g.k > 0 ? g.m * g.k : 1);
  const bool batched_b = b->rank > 2;
  if (batched_b && (b->rank != a->rank || b->numel != batches * g.k * g.n)) return ctx.fail("b's batch dims must be a's");
  if (Error e = check_packed(ctx, 'n', packed_cols); e != Error::ok) return e;
  if (packed_cols > 0 && batched_b) return ctx.fail("packed weights must be 2-D");
  g.b_packed = packed_cols > 0;
  if (bias != nullptr && (bias->rank != 1 || bias->dims[0] != g.n)) return ctx.fail("the bias must be [N]");
  g.lda = g.k;
  g.ldb = g.b_packed ? g.k : g.n;
  g.ldc = g.n;
  g.bias_col = bias != nullptr ? bias->as<float>() : nullptr;
  for (int64_t batch = 0; batch < batches; ++batch) {
    g.a = a->as<float>() + batch * g.m * g.k;
    g.b = b->as<float>() + (batched_b ? batch * g.k * g.n : 0);
    g.c = y.as<float>() + batch * g.m * g.n;
    parallel_gemm(ctx, gemm, g);
  }
  return Error::ok;
}

// gemm without transposes, alpha = 1, and c absent or one value per column
// with beta = 1 (the compiler transposes constant weights beforehand).
// packed_cols as matmul_f32's.
inline Error gemm_op_f32(KernelContext& ctx, GemmFn gemm, int64_t packed_cols = 0) {
  F32Operands ops;
  if (Error e = f32_operands(ctx, &ops); e != Error::ok) return e;
  const Tensor* a = ops.a;
  const Tensor* b = ops.b;
  const Tensor* c = ops.bias;
  const Tensor& y = *ops.y;
  if (ctx.attr_int("trans_a") != 0 || ctx.attr_int("trans_b") != 0 || ctx.attr_float("alpha", 1) != 1 ||
      (c != nullptr && ctx.attr_float("beta", 1) != 1)) {
    return ctx.fail("only trans_a = trans_b = 0, alpha = 1 and beta = 1 are vectorized");
  }
  if (a->rank != 2 || b->rank != 2 || y.rank != 2 || a->dims[1] != b->dims[0]) return ctx.fail("expects matrices that multiply");
  GemmArgs g;
  if (Error e = start_args(ctx, &g); e != Error::ok) return e;
  g.m = a->dims[0];
  g.k = a->dims[1];
  g.n = b->dims[1];
  if (c != nullptr && c->numel != g.n) return ctx.fail("c must hold one value per column");
  if (Error e = check_packed(ctx, 'n', packed_cols); e != Error::ok) return e;
  g.b_packed = packed_cols > 0;
  g.a = a->as<float>();
  g.lda = g.k;
  g.b = b->as<float>();
  g.ldb = g.b_packed ? g.k : g.n;
  g.c = y.as<float>();
  g.ldc = g.n;
  g.bias_col = c != nullptr ? c->as<float>() : nullptr;
  parallel_gemm(ctx, gemm, g);
  return Error::ok;
}


// A 1x1 convolution with unit strides, no padding, one group: per image,
// y[M, HW] = w[M, C] * x[C, HW] + bias per row. packed_rows: w comes in the
// row panels of pack_f32.h of that height (the `*_packed` variants), else 0.
inline Error pointwise_conv_f32(KernelContext& ctx, GemmFn gemm, int64_t packed_rows = 0) {
  F32Operands ops;
  if (Error e = f32_operands(ctx, &ops); e != Error::ok) return e;
  const Tensor* x = ops.a;
  const Tensor* w = ops.b;
  const Tensor* bias = ops.bias;
  const Tensor& y = *ops.y;
  if (x->rank < 3 || w->rank != x->rank || y.rank != x->rank || ctx.attr_int("group", 1) != 1) {
    return ctx.fail("expects an ungrouped convolution");
  }
  for (int32_t d = 2; d < x->rank; ++d) {
    if (w->dims[d] != 1 || x->dims[d] != y.dims[d]) return ctx.fail("only 1x1 convolutions with unit strides and no padding");
  }
  for (int64_t v : ctx.attr_ints("strides")) {
    if (v != 1) return ctx.fail("only unit strides");
  }
  for (int64_t v : ctx.attr_ints("pads")) {
    if (v != 0) return ctx.fail("only unpadded");
  }
  if (Error e = check_packed(ctx, 'm', packed_rows); e != Error::ok) return e;
  GemmArgs g;
  if (Error e = start_args(ctx, &g); e != Error::ok) return e;
  g.a_packed = packed_rows > 0;
  g.m = w->dims[0];
  g.k = w->dims[1];
  g.n = x->numel / (x->dims[0] * g.k > 0 ? x->dims[0] * g.k : 1);
  if (x->dims[1] != g.k || y.dims[1] != g.m) return ctx.fail("channel counts do not match");
  g.a = w->as<float>();
  g.lda = g.k;
  g.ldb = g.n;
  g.ldc = g.n;
  g.bias_row = bias != nullptr ? bias->as<float>() : nullptr;
  for (int64_t image = 0; image < x->dims[0]; ++image) {
    g.b = x->as<float>() + image * g.k * g.n;
    g.c = y.as<float>() + image * g.m * g.n;
    parallel_gemm(ctx, gemm, g);
  }
  return Error::ok;
}

}  // namespace ingot::rt::simd
