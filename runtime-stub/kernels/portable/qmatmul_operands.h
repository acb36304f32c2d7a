// The operands of a qmatmul with a 2-D b (a linear layer's weights: a
// classifier, a transformer's projections), as the optimized variants read
// and check them (kernels/x86/qmatmul_rows_avx2.h, qmatmul_tiled_avx2.h):
// the reference kernel (qmatmul.cc) has the semantics and accepts more
// (batched b).
#pragma once

#include <algorithm>
#include <cstdint>

#include "ingot/kernel.h"
#include "kernels/portable/requantize.h"

namespace ingot::rt::portable {

struct QmatmulOperands {
  const Tensor *a, *b, *bias, *y;
  int64_t rows, k, n;  // a is [rows, k] (leading dims flattened), b [k, n]
  int32_t a_zero_point;
  List<int64_t> b_zero_point;  // empty: 0; 1 or n entries
  Requantization requant;      // disabled for an i32 y (the raw sums)

  int32_t b_zero_point_of(int64_t j) const {
    if (b_zero_point.empty()) return 0;
    return static_cast<int32_t>(b_zero_point[b_zero_point.size == 1 ? 0 : static_cast<size_t>(j)]);
  }
};

// Reads and checks the node for a variant that writes only y_dtype (u8 or i8
// requantized, i32 the raw sums).
inline Error read_qmatmul_2d(KernelContext& ctx, DType y_dtype, QmatmulOperands* q) {
  const Tensor* a = ctx.input(0);
  const Tensor* b = ctx.input(1);
  const Tensor* bias = ctx.input(2);
  const Tensor& y = ctx.output(0);
  if (a == nullptr || b == nullptr) return ctx.fail("qmatmul needs operands a and b");
  if (b->rank != 2 || a->rank < 2 || y.rank != a->rank) return ctx.fail("this variant takes a 2-D b");
  const int64_t k = b->dims[0], n = b->dims[1];
  if (a->dims[a->rank - 1] != k || y.dims[y.rank - 1] != n) return ctx.fail("inner dims differ");
  for (int32_t d = 0; d + 1 < a->rank; ++d) {
    if (y.dims[d] != a->dims[d]) return ctx.fail("the output must be [a's rows..., N]");
  }
  if (y.dtype != y_dtype) return ctx.fail("this variant writes %s, not %s", dtype_name(y_dtype), dtype_name(y.dtype));
  *q = QmatmulOperands{a, b, bias, &y, a->numel / std::max<int64_t>(k, 1), k, n, 0, {}, {}};
  if (k == 0) q->rows = y.numel / std::max<int64_t>(n, 1);
  if (Error e = read_zero_point(ctx, *a, "a_zero_point", &q->a_zero_point); e != Error::ok) return e;
  int32_t lo = 0, hi = 0;
  if (!range_of(b->dtype, &lo, &hi)) return ctx.fail("b must be u8 or i8, not %s", dtype_name(b->dtype));
  q->b_zero_point = ctx.attr_ints("b_zero_point");
  if (q->b_zero_point.size > 1 && static_cast<int64_t>(q->b_zero_point.size) != n) return ctx.fail("b_zero_point must have 1 or N entries");
  for (size_t i = 0; i < q->b_zero_point.size; ++i) {
    if (q->b_zero_point[i] < lo || q->b_zero_point[i] > hi) return ctx.fail("b_zero_point is outside b's range");
  }
  if (bias != nullptr && (bias->dtype != DType::i32 || bias->rank != 1 || bias->dims[0] != n)) return ctx.fail("the bias must be i32 [N]");
  return read_requantization(ctx, y, n, &q->requant);
}

}  // namespace ingot::rt::portable
