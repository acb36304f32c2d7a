// qmatmul: integer matrix product of u8/i8 operands (int8 MatMul / Gemm,
// ONNX QLinearMatMul and MatMulInteger).
//
//   acc[..., i, j] = bias[j] + sum over p of (a[..., i, p] - a_zero_point)
//                                           * (b[..., p, j] - b_zero_point[j])
//
// a [..., M, K], b [..., K, N], the batch dims broadcast (numpy). The sum is
// in i32 with two's-complement wrap-around; y is acc for an i32 output, else
// clamp(requantize(acc, multiplier[j], shift[j]) + y_zero_point, y_min,
// y_max) (requantize.h). b_zero_point, multiplier and shift have one entry or
// one per column j.
#include "kernels/portable/linalg_util.h"
#include "kernels/portable/requantize.h"

namespace ingot::rt::portable {
namespace {

Error plan(const KernelContext& ctx, const Tensor& a, const Tensor& b, const Tensor& y, MatmulShape* s) {
  if (a.rank < 2 || b.rank < 2 || a.rank > kMaxRank || b.rank > kMaxRank) {
    return ctx.fail("operands must have rank 2 to %d, not %d and %d", kMaxRank, a.rank, b.rank);
  }
  s->m = a.dims[a.rank - 2];
  s->k = a.dims[a.rank - 1];
  s->n = b.dims[b.rank - 1];
  if (b.dims[b.rank - 2] != s->k) return ctx.fail("inner dims differ");
  s->batch_rank = (a.rank > b.rank ? a.rank : b.rank) - 2;
  if (y.rank != s->batch_rank + 2 || y.dims[y.rank - 2] != s->m || y.dims[y.rank - 1] != s->n) {
    return ctx.fail("the output must be [batch..., %lld, %lld]", static_cast<long long>(s->m), static_cast<long long>(s->n));
  }
  for (int32_t i = 0; i < s->batch_rank; ++i) s->batch[i] = y.dims[i];
  if (!batch_strides(a.dims, a.rank - 2, *s, s->a_stride) || !batch_strides(b.dims, b.rank - 2, *s, s->b_stride)) {
    return ctx.fail("the batch dims of a and b do not broadcast to the output's");
  }
  return Error::ok;
}

struct Operands {
  const Tensor *a, *b, *bias, *y;
  int32_t a_zero_point = 0;
  List<int64_t> b_zero_point;  // empty: 0
  Requantization requant;

  int32_t b_zero_point_of(int64_t j) const {
    if (b_zero_point.empty()) return 0;
    return static_cast<int32_t>(b_zero_point[b_zero_point.size == 1 ? 0 : static_cast<size_t>(j)]);
  }
};

Error check(const KernelContext& ctx, const MatmulShape& s, Operands* ops) {
  if (Error e = read_zero_point(ctx, *ops->a, "a_zero_point", &ops->a_zero_point); e != Error::ok) return e;
  int32_t lo = 0, hi = 0;
  if (!range_of(ops->b->dtype, &lo, &hi)) return ctx.fail("b must be u8 or i8, not %s", dtype_name(ops->b->dtype));
  ops->b_zero_point = ctx.attr_ints("b_zero_point");
  const size_t n = ops->b_zero_point.size;
  if (n > 1 && static_cast<int64_t>(n) != s.n) return ctx.fail("b_zero_point must have 1 or N entries");
  for (size_t i = 0; i < n; ++i) {
    if (ops->b_zero_point[i] < lo || ops->b_zero_point[i] > hi) return ctx.fail("b_zero_point is outside b's range");
  }
  const Tensor* bias = ops->bias;
  if (bias != nullptr && (bias->dtype != DType::i32 || bias->rank != 1 || bias->dims[0] != s.n)) {
    return ctx.fail("the bias must be i32 [N]");
  }
  return read_requantization(ctx, *ops->y, s.n, &ops->requant);
}

// One matrix of y from one matrix of a (at element a0) and of b (at b0).
void multiply(const MatmulShape& s, const Operands& ops, int64_t a0, int64_t b0, int64_t y0) {
  const int32_t* bias = ops.bias != nullptr ? ops.bias->as<int32_t>() : nullptr;
  for (int64_t i = 0; i < s.m; ++i) {
    for (int64_t j = 0; j < s.n; ++j) {
      const int32_t b_zero_point = ops.b_zero_point_of(j);
      uint32_t acc = bias != nullptr ? static_cast<uint32_t>(bias[j]) : 0u;  // wraps like an i32 register
      for (int64_t p = 0; p < s.k; ++p) {
        const int32_t av = load_8bit(*ops.a, a0 + i * s.k + p) - ops.a_zero_point;
        const int32_t bv = load_8bit(*ops.b, b0 + p * s.n + j) - b_zero_point;
        acc += static_cast<uint32_t>(av * bv);
      }
      const int32_t value = static_cast<int32_t>(acc);
      store_result(*ops.y, y0 + i * s.n + j, ops.requant.enabled ? ops.requant.apply(value, j) : value);
    }
  }
}

}  // namespace

Error kernel_qmatmul(KernelContext& ctx) {
  Operands ops{ctx.input(0), ctx.input(1), ctx.input(2), &ctx.output(0)};
  if (ops.a == nullptr || ops.b == nullptr) return ctx.fail("qmatmul needs operands a and b");
  MatmulShape s{};
  if (Error e = plan(ctx, *ops.a, *ops.b, *ops.y, &s); e != Error::ok) return e;
  if (Error e = check(ctx, s, &ops); e != Error::ok) return e;
  if (ops.y->numel == 0) return Error::ok;
  int64_t index[kMaxRank] = {};
  int64_t y0 = 0;
  do {
    int64_t a_matrix = 0, b_matrix = 0;
    for (int32_t i = 0; i < s.batch_rank; ++i) {
      a_matrix += index[i] * s.a_stride[i];
      b_matrix += index[i] * s.b_stride[i];
    }
    multiply(s, ops, a_matrix * s.m * s.k, b_matrix * s.k * s.n, y0);
    y0 += s.m * s.n;
  } while (next_index(index, s.batch, s.batch_rank));
  return Error::ok;
}

}  // namespace ingot::rt::portable
