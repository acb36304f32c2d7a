// Helpers of the norm kernels: dispatch over the float dtypes only, and the
// shared body of softmax and log_softmax. Values compute in double and are
// written back once, so f16/bf16 round a single time.
#pragma once

#include <cmath>
#include <limits>

#include "kernels/portable/layout_util.h"

namespace ingot::rt::portable {

// Calls fn(T{}) for a float dtype (f32, f64, f16, bf16); fails otherwise.
template <typename Fn>
Error visit_float_dtype(KernelContext& ctx, DType dtype, Fn&& fn) {
  return visit_dtype(dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    if constexpr (is_floating<T>()) {
      return fn(tag);
    } else {
      return ctx.fail("the operand must be a float tensor, not %s", dtype_name(dtype));
    }
  });
}

// x (rank >= min_rank, channels on axis 1) and y of the same type and
// shape; every operand from `first_param` on a 1-D [C] tensor of x's dtype.
inline Error check_channel_norm(KernelContext& ctx, int32_t min_rank, size_t first_param, size_t num_params) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr) return ctx.fail("the operand is missing");
  if (x->rank < min_rank) return ctx.fail("the operand must have rank %d or more", min_rank);
  if (x->dtype != y.dtype || !same_dims(*x, y)) return ctx.fail("the output must match the operand");
  for (size_t i = first_param; i < first_param + num_params; ++i) {
    const Tensor* p = ctx.input(i);
    if (p == nullptr) return ctx.fail("operand %zu is missing", i);
    if (p->dtype != x->dtype || p->rank != 1 || p->dims[0] != x->dims[1]) {
      return ctx.fail("operand %zu must be a [%lld] tensor of x's dtype", i, (long long)x->dims[1]);
    }
  }
  return Error::ok;
}

// x viewed as [outer, n, inner] around `axis`.
struct AxisView {
  int64_t outer = 1, n = 1, inner = 1;
};

inline AxisView view_around(const Tensor& x, int64_t axis) {
  AxisView v;
  for (int32_t d = 0; d < x.rank; ++d) {
    if (d < axis) v.outer *= x.dims[d];
    if (d == axis) v.n = x.dims[d];
    if (d > axis) v.inner *= x.dims[d];
  }
  return v;
}

// softmax (kLog = false) or log_softmax (kLog = true) along `axis`, in three
// passes over each row instead of a scratch buffer: the max (for stability),
// the sum of e^(x - max), then the outputs.
template <bool kLog>
Error run_softmax(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr) return ctx.fail("the operand is missing");
  if (x->dtype != y.dtype || !same_dims(*x, y)) return ctx.fail("the output must match the operand");
  const int64_t axis = ctx.attr_int("axis", -1);
  if (axis < 0 || axis >= x->rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, x->rank);
  const AxisView v = view_around(*x, axis);
  return visit_float_dtype(ctx, x->dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    const T* in = x->as<T>();
    T* out = y.as<T>();
    for (int64_t o = 0; o < v.outer; ++o) {
      for (int64_t i = 0; i < v.inner; ++i) {
        auto at = [&](int64_t k) { return (o * v.n + k) * v.inner + i; };
        double max = -std::numeric_limits<double>::infinity();
        for (int64_t k = 0; k < v.n; ++k) max = std::fmax(max, static_cast<double>(in[at(k)]));
        // An all -inf row has no finite shift; 0 keeps the plain formula.
        const double shift = std::isfinite(max) ? max : 0.0;
        double sum = 0;
        for (int64_t k = 0; k < v.n; ++k) sum += std::exp(static_cast<double>(in[at(k)]) - shift);
        const double log_sum = std::log(sum);
        for (int64_t k = 0; k < v.n; ++k) {
          const double shifted = static_cast<double>(in[at(k)]) - shift;
          out[at(k)] = static_cast<T>(kLog ? shifted - log_sum : std::exp(shifted) / sum);
        }
      }
    }
    return Error::ok;
  });
}

}  // namespace ingot::rt::portable
