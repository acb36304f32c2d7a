// The shared driver of the reductions (reduce_sum ... reduce_sum_square):
// which axes to reduce (the `axes` attribute, or the run-time `axes` operand
// with ONNX's meaning), checks against the planned output, and one call of
// the op's body per output element with the input elements it reduces.
//
// Float values accumulate in double; integers in uint64_t, which wraps as
// the fixed-width result does (and, unlike a signed type, without undefined
// behaviour).
#pragma once

#include <cmath>
#include <limits>
#include <type_traits>

#include "kernels/portable/layout_util.h"

namespace ingot::rt::portable {

template <typename T>
using ReduceAcc = std::conditional_t<is_floating<T>(), double, uint64_t>;

// A double result as T: floats round; integers truncate toward zero as
// numpy's astype does, saturating (and NaN giving 0) where C++ would leave
// the conversion undefined.
template <typename T>
T from_double(double value) {
  if constexpr (is_floating<T>()) {
    return static_cast<T>(value);
  } else {
    if (std::isnan(value)) return T{0};
    if (value <= static_cast<double>(std::numeric_limits<T>::lowest())) return std::numeric_limits<T>::lowest();
    if (value >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
    return static_cast<T>(value);
  }
}

// An accumulator as T: floats via from_double, integers modulo 2^bits.
template <typename T>
T from_acc(ReduceAcc<T> acc) {
  if constexpr (is_floating<T>()) {
    return from_double<T>(acc);
  } else {
    return static_cast<T>(acc);
  }
}

// A signed integer accumulator read back as signed (two's complement).
inline int64_t as_signed(uint64_t acc) { return static_cast<int64_t>(acc); }

// The input elements that reduce into one output element.
template <typename T>
struct ReduceRange {
  using Value = T;
  const T* base;           // the first of them
  int32_t rank;            // of the reduced sub-shape
  const int64_t* dims;     // the reduced axes' dims
  const int64_t* strides;  // and their strides in the input
  int64_t count;           // how many (0 for an empty reduction)

  template <typename Fn>
  void for_each(Fn&& fn) const {
    for_each_index(dims, rank, [&](const int64_t* index) { fn(base[dot(index, strides, rank)]); });
  }
};

// Marks the reduced axes of x: the `axes` attribute (sorted, non-negative),
// else the run-time operand (negative axes count from the end, an empty
// tensor reduces every axis).
inline Error reduced_axes(KernelContext& ctx, const Tensor& x, bool* reduced) {
  for (int32_t d = 0; d < x.rank; ++d) reduced[d] = false;
  const Tensor* axes = ctx.input(1);
  if (axes == nullptr) {
    if (!ctx.has_attr("axes")) return ctx.fail("a reduction needs an axes attribute or an axes operand");
    for (int64_t axis : ctx.attr_ints("axes")) {
      if (axis < 0 || axis >= x.rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, x.rank);
      if (reduced[axis]) return ctx.fail("axis %lld repeats", (long long)axis);
      reduced[axis] = true;
    }
    return Error::ok;
  }
  if (axes->rank != 1) return ctx.fail("the axes operand must be 1-D");
  if (axes->numel == 0) {
    for (int32_t d = 0; d < x.rank; ++d) reduced[d] = true;
    return Error::ok;
  }
  for (int64_t i = 0; i < axes->numel; ++i) {
    int64_t axis = 0;
    if (!read_int(*axes, i, &axis)) return ctx.fail("the axes operand must hold integers");
    if (axis < -x.rank || axis >= x.rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, x.rank);
    if (axis < 0) axis += x.rank;
    if (reduced[axis]) return ctx.fail("axis %lld repeats", (long long)axis);
    reduced[axis] = true;
  }
  return Error::ok;
}

// y must be x with the reduced axes set to 1 (keepdims) or removed.
inline Error check_reduced_shape(KernelContext& ctx, const Tensor& x, const Tensor& y, const bool* reduced,
                                 bool keepdims) {
  int32_t j = 0;
  for (int32_t d = 0; d < x.rank; ++d) {
    if (reduced[d] && !keepdims) continue;
    int64_t want = reduced[d] ? 1 : x.dims[d];
    if (j >= y.rank || y.dims[j] != want) return ctx.fail("the output shape does not fit the reduction");
    ++j;
  }
  if (j != y.rank) return ctx.fail("the output shape does not fit the reduction");
  return Error::ok;
}

// Runs `reduce_one(const ReduceRange<T>&) -> T` for every output element.
template <typename Fn>
Error run_reduction(KernelContext& ctx, Fn&& reduce_one) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr) return ctx.fail("the operand is missing");
  if (x->dtype != y.dtype) return ctx.fail("the output dtype differs from the operand's");
  if (x->rank > kMaxRank) return ctx.fail("rank %d is above the supported %d", x->rank, kMaxRank);
  bool reduced[kMaxRank];
  if (Error e = reduced_axes(ctx, *x, reduced); e != Error::ok) return e;
  if (Error e = check_reduced_shape(ctx, *x, y, reduced, ctx.attr_int("keepdims", 1) != 0); e != Error::ok) return e;

  // Split x's axes into the kept ones (one output element per index) and
  // the reduced ones (walked for each output element).
  int64_t strides[kMaxRank];
  row_major_strides(x->dims, x->rank, strides);
  int64_t kept_dims[kMaxRank], kept_strides[kMaxRank], red_dims[kMaxRank], red_strides[kMaxRank];
  int32_t kept_rank = 0, red_rank = 0;
  int64_t count = 1;
  for (int32_t d = 0; d < x->rank; ++d) {
    if (reduced[d]) {
      red_dims[red_rank] = x->dims[d];
      red_strides[red_rank++] = strides[d];
      count *= x->dims[d];
    } else {
      kept_dims[kept_rank] = x->dims[d];
      kept_strides[kept_rank++] = strides[d];
    }
  }
  return visit_dtype(x->dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, Bool>) {
      return ctx.fail("cannot reduce a bool tensor");
    } else {
      const T* in = x->as<T>();
      T* out = y.as<T>();
      int64_t o = 0;
      for_each_index(kept_dims, kept_rank, [&](const int64_t* index) {
        // An empty x may have no data at all: no offset from a null pointer.
        const T* first = count > 0 ? in + dot(index, kept_strides, kept_rank) : in;
        ReduceRange<T> range{first, red_rank, red_dims, red_strides, count};
        out[o++] = reduce_one(range);
      });
      return Error::ok;
    }
  });
}

}  // namespace ingot::rt::portable
