// Helpers shared by the pool reference kernels: the window attributes
// (kernel_shape, strides, pads, dilations, ceil_mode) checked against the
// operands, a walk over one window, and the loops over [N, C] planes.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

#include "kernels/portable/linalg_util.h"

namespace ingot::rt::portable {

struct PoolWindow : Window {
  int64_t kernel[kMaxRank] = {};
};

// One output dim, as the IR's shape rule computes it: floor, or with
// ceil_mode the ceiling, except that the last window must start inside the
// input or the begin padding.
inline int64_t pooled_size(int64_t in, int64_t extent, int64_t stride, int64_t pad_begin, int64_t pad_end,
                           bool ceil_mode) {
  const int64_t padded = in + pad_begin + pad_end;
  int64_t steps = (padded - extent) / stride;
  if (ceil_mode && (padded - extent) % stride != 0) {
    ++steps;
    if (steps * stride >= in + pad_begin) --steps;
  }
  return steps + 1;
}

// Reads the window of a pool over x into y and checks that the operands fit
// it: same dtype and rank, y [N, C, pooled sizes...].
inline Error read_pool_window(const KernelContext& ctx, const Tensor* x, const Tensor& y, PoolWindow* window) {
  if (Error e = check_spatial_operand(ctx, x, "input"); e != Error::ok) return e;
  if (Error e = check_spatial_operand(ctx, &y, "output"); e != Error::ok) return e;
  if (y.rank != x->rank || y.dtype != x->dtype) return ctx.fail("the output must have the input's rank and dtype");
  if (y.dims[0] != x->dims[0] || y.dims[1] != x->dims[1]) return ctx.fail("the output must keep the input's N and C");
  const int32_t spatial = x->rank - 2;
  if (ctx.attr_ints("kernel_shape").empty()) return ctx.fail("kernel_shape is required");
  if (Error e = read_ints(ctx, "kernel_shape", spatial, 1, 1, window->kernel); e != Error::ok) return e;
  if (Error e = read_window(ctx, spatial, window); e != Error::ok) return e;
  const bool ceil_mode = ctx.attr_int("ceil_mode", 0) != 0;
  for (int32_t i = 0; i < spatial; ++i) {
    int64_t extent;
    if (!dilated_extent(window->kernel[i], window->dilations[i], &extent)) {
      return ctx.fail("spatial dim %d: the dilated kernel is past 2^40", i);
    }
    const int64_t in = x->dims[2 + i];
    if (in + window->pad_begin(i) + window->pad_end(i) < extent) {
      return ctx.fail("spatial dim %d: the kernel covers more than the padded input", i);
    }
    const int64_t size = pooled_size(in, extent, window->strides[i], window->pad_begin(i), window->pad_end(i), ceil_mode);
    if (y.dims[2 + i] != size) {
      return ctx.fail("spatial dim %d: the output has %lld, the window gives %lld", i, static_cast<long long>(y.dims[2 + i]),
                      static_cast<long long>(size));
    }
  }
  return Error::ok;
}

// How many of a window's elements lie inside the input, and inside the padded
// input (a ceil_mode window may reach past the end padding).
struct WindowCount {
  int64_t inside = 0;
  int64_t padded = 0;
};

// Calls fn(value, offset) for every element of output position o's window
// that lies inside the input plane (dims `in`); offset is its row-major
// offset in the plane. Window elements come in row-major order.
template <typename T, typename Fn>
WindowCount visit_window(const T* plane, const int64_t* in, const PoolWindow& w, const int64_t* o, Fn&& fn) {
  WindowCount count;
  int64_t k[kMaxRank] = {};
  do {
    int64_t offset = 0;
    bool inside = true;
    bool in_padded = true;
    for (int32_t i = 0; i < w.spatial; ++i) {
      const int64_t pos = o[i] * w.strides[i] - w.pad_begin(i) + k[i] * w.dilations[i];  // >= -pad_begin
      if (pos >= in[i] + w.pad_end(i)) in_padded = false;
      if (pos < 0 || pos >= in[i]) inside = false;
      offset = offset * in[i] + pos;
    }
    count.padded += in_padded ? 1 : 0;
    if (inside) {
      ++count.inside;
      fn(plane[offset], offset);
    }
  } while (next_index(k, w.kernel, w.spatial));
  return count;
}

// Writes y in order: for every [n, c] plane and output position o, the value
// reduce(plane of x, o).
template <typename T, typename Reduce>
void pool_planes(const Tensor& x, const Tensor& y, int32_t spatial, Reduce&& reduce) {
  if (y.numel == 0) return;
  const int64_t planes = x.dims[0] * x.dims[1];
  const int64_t in_size = product(x.dims + 2, spatial);
  T* out = y.as<T>();
  for (int64_t p = 0; p < planes; ++p) {
    const T* plane = x.as<T>() + p * in_size;
    int64_t o[kMaxRank] = {};
    do {
      *out++ = reduce(plane, o);
    } while (next_index(o, y.dims + 2, spatial));
  }
}

// Checks a global pool: y is x's dtype and rank, [N, C, 1, ...].
inline Error check_global(const KernelContext& ctx, const Tensor* x, const Tensor& y) {
  if (Error e = check_spatial_operand(ctx, x, "input"); e != Error::ok) return e;
  if (y.rank != x->rank || y.dtype != x->dtype) return ctx.fail("the output must have the input's rank and dtype");
  if (y.dims[0] != x->dims[0] || y.dims[1] != x->dims[1]) return ctx.fail("the output must keep the input's N and C");
  for (int32_t i = 2; i < y.rank; ++i) {
    if (y.dims[i] != 1) return ctx.fail("the output's spatial dims must be 1");
  }
  return Error::ok;
}

// Writes y[n, c] = reduce(plane of x, elements per plane) for every plane.
template <typename T, typename Reduce>
void global_planes(const Tensor& x, const Tensor& y, Reduce&& reduce) {
  const int64_t planes = x.dims[0] * x.dims[1];
  const int64_t in_size = product(x.dims + 2, x.rank - 2);
  for (int64_t p = 0; p < planes; ++p) y.as<T>()[p] = reduce(x.as<T>() + p * in_size, in_size);
}

// The running maximum of a window. NaN wins, as in numpy's max; the maximum
// of nothing (a window that sees padding only) is -inf, or T's lowest value.
// With equal maxima the first one added wins (onnxruntime's indices).
template <typename T>
class MaxOf {
 public:
  void add(T value, int64_t where = 0) {
    if (!any_ || (is_nan(value) && !is_nan(best_)) || greater(value, best_)) {
      best_ = value;
      where_ = where;
      any_ = true;
    }
  }
  // Where the maximum was added, or -1 when nothing was.
  int64_t where() const { return any_ ? where_ : -1; }
  T result() const {
    if (any_) return best_;
    if constexpr (is_floating<T>()) {
      return T(-std::numeric_limits<float>::infinity());
    } else {
      return std::numeric_limits<T>::lowest();
    }
  }

 private:
  // Integers compare exactly (an i64 may not fit a double), floats as numbers.
  static bool greater(T a, T b) {
    if constexpr (is_floating<T>()) {
      return as_double(a) > as_double(b);
    } else {
      return a > b;
    }
  }
  static bool is_nan(T value) {
    if constexpr (is_floating<T>()) {
      return std::isnan(as_double(value));
    } else {
      return false;
    }
  }
  T best_{};
  int64_t where_ = -1;
  bool any_ = false;
};

}  // namespace ingot::rt::portable
