// cumsum: running sum along `axis`. With exclusive=1 each output holds the
// sum of the elements before it (the first is 0); with reverse=1 the sum
// runs from the end of the axis. The axis is an attribute or, when only
// known at run time, a one-element operand that may be negative.
#include <type_traits>

#include "kernels/portable/indexing_util.h"

namespace ingot::rt::portable {
namespace {

// Floats sum in double; integers in uint64_t, where overflow wraps as
// defined behaviour (the result is cast back to T).
template <typename T>
using Accumulator = std::conditional_t<is_floating<T>(), double, uint64_t>;

template <typename T>
Error cumsum(const Tensor& x, const Tensor& out, int32_t axis, bool exclusive, bool reverse) {
  const int64_t outer = dims_product(x, 0, axis);
  const int64_t n = x.dims[axis];
  const int64_t inner = dims_product(x, axis + 1, x.rank);
  const T* src = x.as<T>();
  T* dst = out.as<T>();
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      Accumulator<T> sum = 0;
      for (int64_t step = 0; step < n; ++step) {
        const int64_t at = (o * n + (reverse ? n - 1 - step : step)) * inner + i;
        // Read before writing: out may alias x.
        const auto value = static_cast<Accumulator<T>>(src[at]);
        if (!exclusive) sum += value;
        dst[at] = static_cast<T>(sum);
        if (exclusive) sum += value;
      }
    }
  }
  return Error::ok;
}

}  // namespace

Error kernel_cumsum(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& out = ctx.output(0);
  if (x == nullptr) return ctx.fail("cumsum needs an operand");
  if (x->dtype == DType::boolean) return ctx.fail("cumsum does not take bool");
  if (out.dtype != x->dtype || !same_shape(*x, out)) return ctx.fail("the output must have x's dtype and shape");
  int64_t axis = 0;
  if (Error e = int_param(ctx, "axis", 1, &axis); e != Error::ok) return e;
  if (!wrap_index(axis, x->rank, &axis)) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, x->rank);
  const bool exclusive = ctx.attr_int("exclusive", 0) != 0;
  const bool reverse = ctx.attr_int("reverse", 0) != 0;
  return visit_dtype(x->dtype, [&](auto zero) {
    return cumsum<decltype(zero)>(*x, out, static_cast<int32_t>(axis), exclusive, reverse);
  });
}

}  // namespace ingot::rt::portable
