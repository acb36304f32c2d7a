// The shared body of arg_max and arg_min: the i64 index of the best value
// along `axis` for every other index. Ties pick the first index, or the last
// with select_last_index=1. A NaN counts as the best value (numpy's argmax
// and argmin pick the first NaN).
#pragma once

#include <cmath>
#include <type_traits>

#include "kernels/portable/util.h"

namespace ingot::rt::portable {

// y must be x with `axis` set to 1 (keepdims) or removed.
inline bool arg_output_fits(const Tensor& x, const Tensor& y, int64_t axis, bool keepdims) {
  if (y.rank != (keepdims ? x.rank : x.rank - 1)) return false;
  int32_t j = 0;
  for (int32_t d = 0; d < x.rank; ++d) {
    if (d == axis && !keepdims) continue;
    if (y.dims[j++] != (d == axis ? 1 : x.dims[d])) return false;
  }
  return true;
}

// Whether `key` at a later index replaces `best`: strictly better, or
// equal when the last index is wanted. NaN beats every number.
template <bool kLargest, typename Key>
bool better(Key key, Key best, bool last) {
  if constexpr (std::is_floating_point_v<Key>) {
    if (std::isnan(best)) return last && std::isnan(key);
    if (std::isnan(key)) return true;
  }
  if (key == best) return last;
  return kLargest ? key > best : key < best;
}

// kLargest: arg_max, else arg_min.
template <bool kLargest>
Error run_arg_reduction(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr) return ctx.fail("the operand is missing");
  if (y.dtype != DType::i64) return ctx.fail("the output must be i64");
  const int64_t axis = ctx.attr_int("axis", 0);
  if (axis < 0 || axis >= x->rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, x->rank);
  if (!arg_output_fits(*x, y, axis, ctx.attr_int("keepdims", 1) != 0)) {
    return ctx.fail("the output shape does not fit the reduction");
  }
  const int64_t n = x->dims[axis];
  if (n == 0 && y.numel != 0) return ctx.fail("axis %lld is empty: there is no index to pick", (long long)axis);
  const bool last = ctx.attr_int("select_last_index", 0) != 0;
  // x as [outer, n, inner]; y as [outer, inner].
  int64_t outer = 1, inner = 1;
  for (int32_t d = 0; d < axis; ++d) outer *= x->dims[d];
  for (int32_t d = static_cast<int32_t>(axis) + 1; d < x->rank; ++d) inner *= x->dims[d];

  return visit_dtype(x->dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, Bool>) {
      return ctx.fail("cannot take arg_max or arg_min of a bool tensor");
    } else {
      // Floats compare as double (exact for every float type), integers as themselves.
      using Key = std::conditional_t<is_floating<T>(), double, T>;
      const T* in = x->as<T>();
      int64_t* out = y.as<int64_t>();
      for (int64_t o = 0; o < outer; ++o) {
        for (int64_t i = 0; i < inner; ++i) {
          int64_t best = 0;
          Key best_key = static_cast<Key>(in[o * n * inner + i]);
          for (int64_t k = 1; k < n; ++k) {
            Key key = static_cast<Key>(in[(o * n + k) * inner + i]);
            if (better<kLargest>(key, best_key, last)) {
              best = k;
              best_key = key;
            }
          }
          out[o * inner + i] = best;
        }
      }
      return Error::ok;
    }
  });
}

}  // namespace ingot::rt::portable
