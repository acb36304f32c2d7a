// top_k: the k largest (largest=1) or smallest (largest=0) elements along
// `axis` in order, with their i64 positions. Equal values keep the lower
// position first; NaN counts as larger than every number (numpy's sort
// order). Output is always sorted, which `sorted=0` allows.
//
// No scratch memory: output position j is found by one scan of the axis for
// the best element that ranks after the one picked for j - 1 (k scans).
#include <cmath>

#include "kernels/portable/indexing_util.h"

namespace ingot::rt::portable {
namespace {

// a > b, with NaN above every number and equal to itself.
template <typename T>
bool greater(T a, T b) {
  if constexpr (is_floating<T>()) {
    const double x = static_cast<double>(a), y = static_cast<double>(b);
    if (std::isnan(x)) return !std::isnan(y);
    if (std::isnan(y)) return false;
    return x > y;
  } else {
    return a > b;
  }
}

// A strict total order over the positions of one slice: does position p rank
// before position q in the output?
template <typename T>
struct Ranking {
  const T* x;
  int64_t stride;
  bool largest;
  bool before(int64_t p, int64_t q) const {
    const T a = x[p * stride], b = x[q * stride];
    if (largest ? greater(a, b) : greater(b, a)) return true;
    if (largest ? greater(b, a) : greater(a, b)) return false;
    return p < q;
  }
};

template <typename T>
Error top_k(const Tensor& x, const Tensor& values, const Tensor& positions, int32_t axis, int64_t k, bool largest) {
  const int64_t outer = dims_product(x, 0, axis);
  const int64_t n = x.dims[axis];
  const int64_t inner = dims_product(x, axis + 1, x.rank);
  T* out_values = values.as<T>();
  auto* out_positions = positions.as<int64_t>();
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      const Ranking<T> rank{x.as<T>() + o * n * inner + i, inner, largest};
      int64_t previous = -1;
      for (int64_t j = 0; j < k; ++j) {
        int64_t best = -1;
        for (int64_t p = 0; p < n; ++p) {
          if (previous >= 0 && !rank.before(previous, p)) continue;  // already picked
          if (best < 0 || rank.before(p, best)) best = p;
        }
        const int64_t at = (o * k + j) * inner + i;
        out_values[at] = rank.x[best * inner];
        out_positions[at] = best;
        previous = best;
      }
    }
  }
  return Error::ok;
}

}  // namespace

Error kernel_top_k(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  if (x == nullptr || ctx.num_outputs() != 2) return ctx.fail("top_k needs an operand and two outputs");
  const Tensor& values = ctx.output(0);
  const Tensor& positions = ctx.output(1);
  if (values.dtype != x->dtype || positions.dtype != DType::i64) return ctx.fail("outputs must be x's dtype and i64");
  if (x->dtype == DType::boolean) return ctx.fail("top_k does not take bool");
  const int64_t axis = ctx.attr_int("axis", -1);
  if (axis < 0 || axis >= x->rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, x->rank);
  int64_t k = 0;
  if (Error e = int_param(ctx, "k", 1, &k); e != Error::ok) return e;
  if (k < 0 || k > x->dims[axis]) return ctx.fail("k %lld must be in [0, %lld]", (long long)k, (long long)x->dims[axis]);
  // Both outputs are x's shape with k along the axis.
  bool fits = values.rank == x->rank && same_shape(values, positions);
  for (int32_t d = 0; fits && d < x->rank; ++d) fits = values.dims[d] == (d == axis ? k : x->dims[d]);
  if (!fits) return ctx.fail("the output shapes do not fit x with k %lld", (long long)k);

  const bool largest = ctx.attr_int("largest", 1) != 0;
  return visit_dtype(x->dtype, [&](auto zero) {
    return top_k<decltype(zero)>(*x, values, positions, static_cast<int32_t>(axis), k, largest);
  });
}

}  // namespace ingot::rt::portable
