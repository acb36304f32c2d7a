// gemm: y = alpha * op(a) @ op(b) + beta * c (ONNX Gemm).
//
// op(a) is a or its transpose (trans_a), giving [M, K]; op(b) likewise
// [K, N]. c is optional and broadcasts to [M, N] (rank 0, 1 or 2). As in
// ONNX's reference, c does not take part when beta is 0. Floats compute in
// double; integers multiply exactly (wrapping like T) and, when alpha or beta
// is not 1, scale in double and truncate, as numpy's astype does.
#include <limits>

#include "kernels/portable/fused_activation.h"
#include "kernels/portable/linalg_util.h"

namespace ingot::rt::portable {
namespace {

struct GemmShape {
  int64_t m, k, n;
  bool trans_a, trans_b;
  int64_t c_rows, c_cols;  // c seen as [c_rows, c_cols], each 1 or M / N
  double alpha, beta;
};

Error plan(const KernelContext& ctx, const Tensor& a, const Tensor& b, const Tensor* c, const Tensor& y, GemmShape* s) {
  if (a.dtype != b.dtype || y.dtype != a.dtype || (c != nullptr && c->dtype != a.dtype)) {
    return ctx.fail("the operands must share one dtype");
  }
  if (a.dtype == DType::boolean) return ctx.fail("bool operands are not supported");
  if (a.rank != 2 || b.rank != 2 || y.rank != 2) return ctx.fail("a, b and y must be 2-D");
  s->trans_a = ctx.attr_int("trans_a", 0) != 0;
  s->trans_b = ctx.attr_int("trans_b", 0) != 0;
  s->alpha = ctx.attr_float("alpha", 1.0);
  s->beta = ctx.attr_float("beta", 1.0);
  s->m = s->trans_a ? a.dims[1] : a.dims[0];
  s->k = s->trans_a ? a.dims[0] : a.dims[1];
  s->n = s->trans_b ? b.dims[0] : b.dims[1];
  const int64_t b_k = s->trans_b ? b.dims[1] : b.dims[0];
  if (b_k != s->k) return ctx.fail("inner dims differ: %lld and %lld", static_cast<long long>(s->k), static_cast<long long>(b_k));
  if (y.dims[0] != s->m || y.dims[1] != s->n) {
    return ctx.fail("the output must be [%lld, %lld]", static_cast<long long>(s->m), static_cast<long long>(s->n));
  }
  s->c_rows = 1;
  s->c_cols = 1;
  if (c != nullptr) {
    if (c->rank > 2) return ctx.fail("c must have rank 2 or less, not %d", c->rank);
    if (c->rank == 2) s->c_rows = c->dims[0];
    if (c->rank >= 1) s->c_cols = c->dims[c->rank - 1];
    if ((s->c_rows != 1 && s->c_rows != s->m) || (s->c_cols != 1 && s->c_cols != s->n)) {
      return ctx.fail("c does not broadcast to [%lld, %lld]", static_cast<long long>(s->m), static_cast<long long>(s->n));
    }
  }
  return Error::ok;
}

// value truncated toward zero into T, saturating (NaN gives 0) where a plain
// conversion would be undefined.
template <typename T>
T truncate_to(double value) {
  if (!(value == value)) return T{0};
  if (value <= static_cast<double>(std::numeric_limits<T>::lowest())) return std::numeric_limits<T>::lowest();
  if (value >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
  return static_cast<T>(value);
}

// The broadcast element of c for output [i, j].
template <typename T>
T c_at(const GemmShape& s, const T* c, int64_t i, int64_t j) {
  return c[(s.c_rows == 1 ? 0 : i) * s.c_cols + (s.c_cols == 1 ? 0 : j)];
}

template <typename T>
T combine(const GemmShape& s, Acc<T> product, const T* c, int64_t i, int64_t j) {
  const bool use_c = c != nullptr && s.beta != 0;
  if constexpr (is_floating<T>()) {
    return store<T>(s.alpha * product + (use_c ? s.beta * load(c_at(s, c, i, j)) : 0.0));
  } else {
    if (s.alpha == 1 && (!use_c || s.beta == 1)) return store<T>(product + (use_c ? load(c_at(s, c, i, j)) : 0));
    const double scaled = s.alpha * static_cast<double>(store<T>(product)) +
                          (use_c ? s.beta * static_cast<double>(c_at(s, c, i, j)) : 0.0);
    return truncate_to<T>(scaled);
  }
}

template <typename T>
void gemm(const GemmShape& s, const T* a, const T* b, const T* c, T* y) {
  for (int64_t i = 0; i < s.m; ++i) {
    for (int64_t j = 0; j < s.n; ++j) {
      Acc<T> sum{0};
      for (int64_t p = 0; p < s.k; ++p) {
        const T a_ip = s.trans_a ? a[p * s.m + i] : a[i * s.k + p];
        const T b_pj = s.trans_b ? b[j * s.k + p] : b[p * s.n + j];
        sum += load(a_ip) * load(b_pj);
      }
      y[i * s.n + j] = combine(s, sum, c, i, j);
    }
  }
}

}  // namespace

Error kernel_gemm(KernelContext& ctx) {
  const Tensor* a = ctx.input(0);
  const Tensor* b = ctx.input(1);
  const Tensor* c = ctx.input(2);
  const Tensor& y = ctx.output(0);
  // Weights the compiler packed for an optimized kernel (pack-weights) are not in this kernel's order.
  if (ctx.attr_string("packed")[0] != '\0') return ctx.fail("weights packed as %s need a packed kernel", ctx.attr_string("packed"));
  if (a == nullptr || b == nullptr) return ctx.fail("gemm needs operands a and b");
  GemmShape s{};
  if (Error e = plan(ctx, *a, *b, c, y, &s); e != Error::ok) return e;
  return visit_dtype(a->dtype, [&](auto zero) {
    using T = decltype(zero);
    if constexpr (!std::is_same_v<T, Bool>) gemm<T>(s, a->as<T>(), b->as<T>(), c != nullptr ? c->as<T>() : nullptr, y.as<T>());
    return apply_fused_activation(ctx, y);
  });
}

}  // namespace ingot::rt::portable
