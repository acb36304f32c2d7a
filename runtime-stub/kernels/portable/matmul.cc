// matmul: numpy.matmul (ONNX MatMul; MatMulInteger lowers to i32 matmul).
//
// a [..., M, K] x b [..., K, N] -> y [batch..., M, N], the leading (batch)
// dims broadcast. A 1-D a is a row [1, K] and a 1-D b a column [K, 1]; the
// unit dim they add is dropped from y. Floats accumulate in double, integers
// wrap like T.
#include "kernels/portable/fused_activation.h"
#include "kernels/portable/linalg_util.h"

namespace ingot::rt::portable {
namespace {

Error plan(const KernelContext& ctx, const Tensor& a, const Tensor& b, const Tensor& y, MatmulShape* s) {
  if (a.dtype != b.dtype || y.dtype != a.dtype) return ctx.fail("a, b and y must share one dtype");
  if (a.dtype == DType::boolean) return ctx.fail("bool operands are not supported");
  if (a.rank < 1 || b.rank < 1 || a.rank > kMaxRank || b.rank > kMaxRank) {
    return ctx.fail("operands must have rank 1 to %d, not %d and %d", kMaxRank, a.rank, b.rank);
  }
  const bool a_vector = a.rank == 1;
  const bool b_vector = b.rank == 1;
  s->m = a_vector ? 1 : a.dims[a.rank - 2];
  s->k = a.dims[a.rank - 1];
  s->n = b_vector ? 1 : b.dims[b.rank - 1];
  const int64_t b_k = b_vector ? b.dims[0] : b.dims[b.rank - 2];
  if (b_k != s->k) return ctx.fail("inner dims differ: %lld and %lld", static_cast<long long>(s->k), static_cast<long long>(b_k));
  const int32_t a_batch = a_vector ? 0 : a.rank - 2;
  const int32_t b_batch = b_vector ? 0 : b.rank - 2;
  s->batch_rank = a_batch > b_batch ? a_batch : b_batch;
  const int32_t rank = s->batch_rank + (a_vector ? 0 : 1) + (b_vector ? 0 : 1);
  if (y.rank != rank) return ctx.fail("the output must have rank %d, not %d", rank, y.rank);
  for (int32_t i = 0; i < s->batch_rank; ++i) s->batch[i] = y.dims[i];
  if ((!a_vector && y.dims[s->batch_rank] != s->m) || (!b_vector && y.dims[rank - 1] != s->n)) {
    return ctx.fail("the output's matrix dims must be [%lld, %lld]", static_cast<long long>(s->m), static_cast<long long>(s->n));
  }
  if (!batch_strides(a.dims, a_batch, *s, s->a_stride) || !batch_strides(b.dims, b_batch, *s, s->b_stride)) {
    return ctx.fail("the batch dims of a and b do not broadcast to the output's");
  }
  return Error::ok;
}

// y[i, j] = sum over p of a[i, p] * b[p, j], for one matrix of each.
template <typename T>
void multiply(const MatmulShape& s, const T* a, const T* b, T* y) {
  for (int64_t i = 0; i < s.m; ++i) {
    for (int64_t j = 0; j < s.n; ++j) {
      Acc<T> sum{0};
      for (int64_t p = 0; p < s.k; ++p) sum += load(a[i * s.k + p]) * load(b[p * s.n + j]);
      y[i * s.n + j] = store<T>(sum);
    }
  }
}

template <typename T>
void matmul(const MatmulShape& s, const T* a, const T* b, T* y) {
  int64_t index[kMaxRank] = {};
  do {
    int64_t a_matrix = 0, b_matrix = 0;
    for (int32_t i = 0; i < s.batch_rank; ++i) {
      a_matrix += index[i] * s.a_stride[i];
      b_matrix += index[i] * s.b_stride[i];
    }
    multiply(s, a + a_matrix * s.m * s.k, b + b_matrix * s.k * s.n, y);
    y += s.m * s.n;
  } while (next_index(index, s.batch, s.batch_rank));
}

// y[..., j] += bias[j], rounded as a separate add would round it.
template <typename T>
void add_bias(const T* bias, const Tensor& y) {
  const int64_t n = y.dims[y.rank - 1];
  T* out = y.as<T>();
  for (int64_t i = 0; i < y.numel; ++i) out[i] = static_cast<T>(wrap(compute(out[i])) + wrap(compute(bias[i % n])));
}

}  // namespace

Error kernel_matmul(KernelContext& ctx) {
  const Tensor* a = ctx.input(0);
  const Tensor* b = ctx.input(1);
  const Tensor& y = ctx.output(0);
  // Weights the compiler packed for an optimized kernel (pack-weights) are not in this kernel's order.
  if (ctx.attr_string("packed")[0] != '\0') return ctx.fail("weights packed as %s need a packed kernel", ctx.attr_string("packed"));
  if (a == nullptr || b == nullptr) return ctx.fail("matmul needs operands a and b");
  MatmulShape s{};
  if (Error e = plan(ctx, *a, *b, y, &s); e != Error::ok) return e;
  const Tensor* bias = ctx.input(2);
  if (bias != nullptr && (bias->dtype != y.dtype || bias->rank != 1 || y.rank < 1 || bias->dims[0] != y.dims[y.rank - 1])) {
    return ctx.fail("the bias must be 1-D with one value per output column, of the result's dtype");
  }
  if (y.numel == 0) return Error::ok;
  return visit_dtype(a->dtype, [&](auto zero) {
    using T = decltype(zero);
    if constexpr (!std::is_same_v<T, Bool>) {
      matmul<T>(s, a->as<T>(), b->as<T>(), y.as<T>());
      if (bias != nullptr) add_bias(bias->as<T>(), y);
    }
    return apply_fused_activation(ctx, y);
  });
}

}  // namespace ingot::rt::portable
