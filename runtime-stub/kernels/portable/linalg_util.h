// Helpers shared by the linalg and pool reference kernels: the accumulator of
// a dtype, walking an N-d index without heap memory, and the explicit window
// attributes (strides, pads [begins..., ends...], dilations) of the IR.
#pragma once

#include <cstdint>
#include <type_traits>

#include "kernels/portable/util.h"

namespace ingot::rt::portable {

// Floats (f16 and bf16 included) accumulate in double. Integers accumulate in
// uint64_t: its wrap-around is defined, and truncated back to T it equals the
// two's-complement result of accumulating in T itself (ONNX's i32 products).
template <typename T>
using Acc = std::conditional_t<is_floating<T>(), double, uint64_t>;

template <typename T>
Acc<T> load(T value) {
  if constexpr (std::is_floating_point_v<T>) {
    return static_cast<double>(value);
  } else if constexpr (is_floating<T>()) {
    return static_cast<double>(static_cast<float>(value));  // Half, BFloat16
  } else {
    return static_cast<uint64_t>(value);  // modular for negative values
  }
}

template <typename T>
T store(Acc<T> acc) {
  if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(acc);
  } else if constexpr (is_floating<T>()) {
    return T(static_cast<float>(acc));
  } else {
    return static_cast<T>(acc);  // keeps the low bits: the wrapped result
  }
}

// A value as a plain number for comparisons and non-integer scaling.
template <typename T>
double as_double(T value) {
  if constexpr (is_floating<T>()) {
    return load(value);
  } else {
    return static_cast<double>(value);
  }
}

// Advances `index` (n digits, digit i in [0, dims[i])) like an odometer, the
// last digit fastest, which is row-major order. False after the last index.
inline bool next_index(int64_t* index, const int64_t* dims, int32_t n) {
  for (int32_t i = n - 1; i >= 0; --i) {
    if (++index[i] < dims[i]) return true;
    index[i] = 0;
  }
  return false;
}

inline int64_t product(const int64_t* dims, int32_t n) {
  int64_t p = 1;
  for (int32_t i = 0; i < n; ++i) p *= dims[i];
  return p;
}

// Matrix products (matmul, qmatmul): the operands seen as batches of
// matrices, and y's batch dims.
struct MatmulShape {
  int64_t m, k, n;
  int32_t batch_rank;
  int64_t batch[kMaxRank];     // y's batch dims
  int64_t a_stride[kMaxRank];  // per batch dim of y, in matrices; 0 where a broadcasts
  int64_t b_stride[kMaxRank];
};

// Right-aligns `dims` (the operand's batch dims) under y's and writes, per y
// batch dim, how many matrices one step moves in the operand (0 when it
// broadcasts). False when a dim neither matches nor is 1.
inline bool batch_strides(const int64_t* dims, int32_t rank, const MatmulShape& s, int64_t* strides) {
  int64_t stride = 1;
  for (int32_t i = s.batch_rank - 1; i >= 0; --i) {
    const int32_t j = i - (s.batch_rank - rank);
    const int64_t dim = j >= 0 ? dims[j] : 1;
    if (dim != 1 && dim != s.batch[i]) return false;
    strides[i] = dim == 1 ? 0 : stride;
    stride *= dim;
  }
  return true;
}

// strides, pads and dilations for `spatial` dims. An absent list means ONNX's
// default (1, 0, 1); the importer always writes them, tests may not.
struct Window {
  int32_t spatial = 0;
  int64_t strides[kMaxRank] = {};
  int64_t pads[2 * kMaxRank] = {};  // begins, then ends
  int64_t dilations[kMaxRank] = {};

  int64_t pad_begin(int32_t i) const { return pads[i]; }
  int64_t pad_end(int32_t i) const { return pads[spatial + i]; }
};

// Window positions and sizes stay below 2^40 (the IR's limit), so that the
// index arithmetic of the kernels cannot overflow.
inline constexpr int64_t kMaxExtent = int64_t{1} << 40;

// Copies the list attribute `name` (`count` entries in [min, 2^40], or absent
// for `fallback`) into `out`.
inline Error read_ints(const KernelContext& ctx, const char* name, int32_t count, int64_t min, int64_t fallback,
                       int64_t* out) {
  List<int64_t> values = ctx.attr_ints(name);
  if (values.empty()) {
    for (int32_t i = 0; i < count; ++i) out[i] = fallback;
    return Error::ok;
  }
  if (values.size != static_cast<size_t>(count)) {
    return ctx.fail("%s must have %d entries, not %zu", name, count, values.size);
  }
  for (int32_t i = 0; i < count; ++i) {
    if (values[i] < min || values[i] > kMaxExtent) {
      return ctx.fail("%s holds %lld, outside [%lld, 2^40]", name, static_cast<long long>(values[i]),
                      static_cast<long long>(min));
    }
    out[i] = values[i];
  }
  return Error::ok;
}

inline Error read_window(const KernelContext& ctx, int32_t spatial, Window* window) {
  window->spatial = spatial;
  if (Error e = read_ints(ctx, "strides", spatial, 1, 1, window->strides); e != Error::ok) return e;
  if (Error e = read_ints(ctx, "pads", 2 * spatial, 0, 0, window->pads); e != Error::ok) return e;
  return read_ints(ctx, "dilations", spatial, 1, 1, window->dilations);
}

// (kernel - 1) * dilation + 1: the input extent one window covers; false
// when the kernel is empty or the extent passes 2^40 (the IR's limits).
inline bool dilated_extent(int64_t kernel, int64_t dilation, int64_t* extent) {
  if (kernel < 1 || kernel - 1 > kMaxExtent / dilation) return false;
  *extent = (kernel - 1) * dilation + 1;
  return true;
}

// Checks the operand of a windowed op: present, [N, C, spatial...] with rank
// 3..kMaxRank, and every dim in [0, 2^40].
inline Error check_spatial_operand(const KernelContext& ctx, const Tensor* t, const char* what) {
  if (t == nullptr) return ctx.fail("the %s operand is missing", what);
  if (t->rank < 3 || t->rank > kMaxRank) {
    return ctx.fail("the %s must have rank 3 to %d (N, C, spatial...), not %d", what, kMaxRank, t->rank);
  }
  for (int32_t i = 0; i < t->rank; ++i) {
    if (t->dims[i] < 0 || t->dims[i] > kMaxExtent) return ctx.fail("the %s has a dim outside [0, 2^40]", what);
  }
  return Error::ok;
}

// The sizes of a convolution (direct or transposed): N, C, M, group and the
// spatial dims of x, w and y.
struct ConvShape {
  int32_t spatial;
  int64_t batch, in_channels, out_channels, group;
  const int64_t* in;      // spatial dims of x
  const int64_t* kernel;  // spatial dims of w
  const int64_t* out;     // spatial dims of y
};

// The shapes of a convolution: x [N, C, in...], w [M, C/group, k...], the
// optional bias [M] and y [N, M, out...] of the window (dtypes are the
// caller's to check; conv and qconv share this).
inline Error check_conv_geometry(const KernelContext& ctx, const Tensor& x, const Tensor& w, const Tensor* bias,
                                 const Tensor& y, const Window& window, int64_t group) {
  if (w.rank != x.rank || y.rank != x.rank) {
    return ctx.fail("x, w and y must share one rank, not %d, %d and %d", x.rank, w.rank, y.rank);
  }
  if (group < 1 || group > kMaxExtent || x.dims[1] % group != 0 || x.dims[1] / group != w.dims[1]) {
    return ctx.fail("the input has %lld channels but the weight expects %lld per group x %lld groups",
                    static_cast<long long>(x.dims[1]), static_cast<long long>(w.dims[1]), static_cast<long long>(group));
  }
  if (w.dims[0] % group != 0) return ctx.fail("the output channels do not split into %lld groups", static_cast<long long>(group));
  if (y.dims[0] != x.dims[0] || y.dims[1] != w.dims[0]) return ctx.fail("the output must be [N, M, ...] of x and w");
  if (bias != nullptr && (bias->rank != 1 || bias->dims[0] != w.dims[0])) return ctx.fail("the bias must be [M]");
  for (int32_t i = 0; i < window.spatial; ++i) {
    int64_t extent;
    if (!dilated_extent(w.dims[2 + i], window.dilations[i], &extent)) {
      return ctx.fail("spatial dim %d: the dilated kernel is empty or past 2^40", i);
    }
    const int64_t padded = x.dims[2 + i] + window.pad_begin(i) + window.pad_end(i);
    if (padded < extent) return ctx.fail("spatial dim %d: the kernel covers more than the padded input", i);
    if (y.dims[2 + i] != (padded - extent) / window.strides[i] + 1) {
      return ctx.fail("spatial dim %d: the output has %lld, the window gives %lld", i, static_cast<long long>(y.dims[2 + i]),
                      static_cast<long long>((padded - extent) / window.strides[i] + 1));
    }
  }
  return Error::ok;
}

// Offset of x's element under kernel offset k for output position o, in one
// channel plane; false when it falls in the padding.
inline bool conv_input_offset(const ConvShape& s, const Window& window, const int64_t* o, const int64_t* k, int64_t* offset) {
  int64_t at = 0;
  for (int32_t i = 0; i < s.spatial; ++i) {
    const int64_t pos = o[i] * window.strides[i] - window.pad_begin(i) + k[i] * window.dilations[i];
    if (pos < 0 || pos >= s.in[i]) return false;
    at = at * s.in[i] + pos;
  }
  *offset = at;
  return true;
}

}  // namespace ingot::rt::portable
