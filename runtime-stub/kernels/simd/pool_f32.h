// 2-D max and average pooling on f32, NCHW, any kernel, strides, padding,
// dilations and ceil mode (the output shape says which windows exist), and
// the global average pool. Same results as the reference kernels
// (kernels/portable/max_pool.cc, avg_pool.cc, global_avg_pool.cc): padding
// never wins a maximum and adds nothing to a sum; a window that sees only
// padding has the maximum -inf and the mean NaN; NaN wins a maximum; the
// average divides by the elements inside the input, or with
// count_include_pad by those inside the padded input (a ceil-mode window is
// clipped at the end padding). Sums are f32 here, double there. Also the
// means of rows: the global average pool, reduce_mean over trailing axes.
//
// For each output row, the columns whose horizontal taps all lie inside the
// input run kLanes at a time (stride 1 loads, stride 2 loads two vectors and
// keeps the even lanes); the other columns, and every column of other
// strides, run one by one. The max pool with horizontal stride 1 or 2 and no
// horizontal dilation first takes the maximum of each output row's input
// rows into a stack buffer with -inf for the padding (which never wins a
// maximum, as in the reference): then every column runs as vectors, the
// borders and the ceil-mode windows past the input included
// (max_pool_plane_rows).
//
// Uses, besides the traits of gemm_f32.h: V::max(a, b) (NaN in either
// wins), V::div(a, b), V::hsum(v) (the sum of the lanes), V::load_even.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/simd/deinterleave_f32.h"

namespace ingot::rt::simd {

struct PoolShape {
  int64_t h, w, oh, ow, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr;
  bool count_include_pad;
};

inline float max_nan(float acc, float v) { return acc != acc || v != v ? (acc != acc ? acc : v) : (v > acc ? v : acc); }

// One output plane.
template <typename V, bool kMax>
void pool_plane(const PoolShape& s, const float* x, float* y) {
  using Vec = typename V::Vec;
  constexpr float kNegInf = -std::numeric_limits<float>::infinity();
  const int64_t reach = s.sw == 1 ? V::kLanes : 2 * V::kLanes;
  // The first column whose taps all lie right of the left padding.
  const int64_t ox_lo = (s.pl + s.sw - 1) / s.sw;
  for (int64_t oy = 0; oy < s.oh; ++oy) {
    const int64_t iy0 = oy * s.sh - s.pt;
    int64_t rows_inside = 0, rows_padded = 0;
    for (int64_t ky = 0; ky < s.kh; ++ky) {
      const int64_t iy = iy0 + ky * s.dh;
      rows_inside += iy >= 0 && iy < s.h ? 1 : 0;
      rows_padded += iy < s.h + s.pb ? 1 : 0;
    }
    float* out = y + oy * s.ow;
    auto scalar = [&](int64_t ox) {
      const int64_t ix0 = ox * s.sw - s.pl;
      int64_t cols_inside = 0, cols_padded = 0;
      for (int64_t kx = 0; kx < s.kw; ++kx) {
        const int64_t ix = ix0 + kx * s.dw;
        cols_inside += ix >= 0 && ix < s.w ? 1 : 0;
        cols_padded += ix < s.w + s.pr ? 1 : 0;
      }
      float acc = kMax ? kNegInf : 0.0f;
      for (int64_t ky = 0; ky < s.kh; ++ky) {
        const int64_t iy = iy0 + ky * s.dh;
        if (iy < 0 || iy >= s.h) continue;
        for (int64_t kx = 0; kx < s.kw; ++kx) {
          const int64_t ix = ix0 + kx * s.dw;
          if (ix < 0 || ix >= s.w) continue;
          const float v = x[iy * s.w + ix];
          acc = kMax ? max_nan(acc, v) : acc + v;
        }
      }
      if constexpr (!kMax) {
        const int64_t divisor = s.count_include_pad ? rows_padded * cols_padded : rows_inside * cols_inside;
        acc = divisor > 0 ? acc / static_cast<float>(divisor) : std::numeric_limits<float>::quiet_NaN();
      }
      out[ox] = acc;
    };
    int64_t ox = 0;
    if (s.sw == 1 || s.sw == 2) {
      for (; ox < ox_lo && ox < s.ow; ++ox) scalar(ox);
      // Inside vector columns every horizontal tap is inside the input (and so inside the padded input).
      const Vec divisor = V::set1(static_cast<float>(s.count_include_pad ? rows_padded * s.kw : rows_inside * s.kw));
      for (; ox + V::kLanes <= s.ow && ox * s.sw - s.pl + (s.kw - 1) * s.dw + reach <= s.w; ox += V::kLanes) {
        Vec acc = V::set1(kMax ? kNegInf : 0.0f);
        for (int64_t ky = 0; ky < s.kh; ++ky) {
          const int64_t iy = iy0 + ky * s.dh;
          if (iy < 0 || iy >= s.h) continue;
          const float* row = x + iy * s.w + ox * s.sw - s.pl;
          for (int64_t kx = 0; kx < s.kw; ++kx) {
            const Vec in = s.sw == 1 ? V::load(row + kx * s.dw) : V::load_even(row + kx * s.dw);
            acc = kMax ? V::max(acc, in) : V::add(acc, in);
          }
        }
        if constexpr (!kMax) acc = V::div(acc, divisor);  // 0 / 0: NaN when only padding was seen
        V::store(out + ox, acc);
      }
    }
    for (; ox < s.ow; ++ox) scalar(ox);
  }
}

// Floats of the stack buffer of the max pool's padded rows (32 KiB).
inline constexpr int64_t kPoolRowFloats = 8192;

// The max pool with horizontal stride 1 or 2 and no horizontal dilation
// (max_pool_plane_rows) takes, per output row, the maximum over the
// window's rows first, column by column (plain vector loads, each input
// column once per output row), into a row padded with -inf; then the
// maximum over the window's columns of that one row. For stride 2 that row
// is first split into its even and odd columns (deinterleave_f32.h), so
// that the kw column taps are plain loads too. Against kh * kw strided
// loads of the padded input rows per output vector, a 3x3 stride-2 window
// (resnet, squeezenet, shufflenet) does about a third of the work.

// The width of the padded row of maxima: every column the vectors of a row
// read (stride 2: the deinterleave's whole vectors); 0 when it, a vector of
// slack and, for stride 2, its two halves do not fit the buffer.
template <typename V>
int64_t max_pool_row_stride(const PoolShape& s) {
  if (s.dw != 1 || (s.sw != 1 && s.sw != 2) || s.ow > kPoolRowFloats || s.kw > kPoolRowFloats) return 0;
  const int64_t vectors = (s.ow + V::kLanes - 1) / V::kLanes;
  if (s.sw == 1) {
    const int64_t floats = vectors * V::kLanes + s.kw - 1;
    return floats + V::kLanes <= kPoolRowFloats ? floats : 0;
  }
  // The row's whole vectors and one for the deinterleave's last odd load.
  const int64_t half = deinterleaved_half<V>(vectors * V::kLanes, s.kw);
  return 4 * half + 2 * V::kLanes <= kPoolRowFloats ? 2 * half + V::kLanes : 0;
}

template <typename V>
void max_pool_plane_rows(const PoolShape& s, int64_t row_stride, const float* x, float* y) {
  using Vec = typename V::Vec;
  constexpr float kNegInf = -std::numeric_limits<float>::infinity();
  alignas(64) float buffer[kPoolRowFloats];
  // The row of maxima has a vector of slack: its last input vector is stored whole.
  float* maxima = buffer;
  float* halves = buffer + row_stride + V::kLanes;  // stride 2: the even columns of maxima, then the odd ones
  const int64_t half = (row_stride - V::kLanes) / 2;
  const int64_t left = std::min(s.pl, row_stride);
  const int64_t count = std::max<int64_t>(0, std::min(s.w, row_stride - s.pl));  // input columns the row holds
  const auto tail = V::mask(s.ow % V::kLanes);
  const auto store_row = [&](int64_t oy, int64_t ox, Vec v) {
    if (ox + V::kLanes <= s.ow) {
      V::store(y + oy * s.ow + ox, v);
    } else {
      V::store(y + oy * s.ow + ox, v, tail);
    }
  };
  for (int64_t oy = 0; oy < s.oh; ++oy) {
    // 1. Column by column, the maximum over the window's rows inside the
    // input; the earlier row first, so that its NaN wins.
    std::fill(maxima, maxima + left, kNegInf);
    int64_t rows = 0;
    for (int64_t ky = 0; ky < s.kh; ++ky) {
      const int64_t iy = oy * s.sh - s.pt + ky * s.dh;
      if (iy < 0 || iy >= s.h) continue;
      const float* in = x + iy * s.w;
      float* out = maxima + s.pl;
      if (rows++ == 0) {
        for (int64_t c = 0; c < count; c += V::kLanes) V::store(out + c, c + V::kLanes <= count ? V::load(in + c) : V::load(in + c, V::mask(count - c)));
      } else {
        for (int64_t c = 0; c < count; c += V::kLanes) {
          V::store(out + c, V::max(V::load(out + c), c + V::kLanes <= count ? V::load(in + c) : V::load(in + c, V::mask(count - c))));
        }
      }
    }
    if (rows == 0) std::fill(maxima + left, maxima + row_stride, kNegInf);  // a window of padding only: -inf
    std::fill(maxima + std::min(s.pl + count, row_stride), maxima + row_stride, kNegInf);
    // 2. The maximum over the window's columns of that row. The stride and
    // the 3-wide window are constants: a run-time tap count and stride left
    // the tap loop rolled, with a branch per load.
    if (s.sw == 2) deinterleave_row<V>(maxima, half, halves);
    const auto columns = [&](auto stride, auto taps) {
      constexpr int kStride = decltype(stride)::value, kTaps = decltype(taps)::value;
      const float* even = kStride == 1 ? maxima : halves;
      for (int64_t ox = 0; ox < s.ow; ox += V::kLanes) {
        Vec acc = V::load(even + ox);
        for (int64_t kx = 1; kx < (kTaps > 0 ? kTaps : s.kw); ++kx) {
          acc = V::max(acc, V::load(kStride == 1 ? maxima + ox + kx : halves + (kx % 2) * half + kx / 2 + ox));
        }
        store_row(oy, ox, acc);
      }
    };
    using One = std::integral_constant<int, 1>;
    using Two = std::integral_constant<int, 2>;
    using Three = std::integral_constant<int, 3>;
    using Any = std::integral_constant<int, 0>;
    if (s.sw == 1) {
      s.kw == 3 ? columns(One{}, Three{}) : columns(One{}, Any{});
    } else {
      s.kw == 3 ? columns(Two{}, Three{}) : columns(Two{}, Any{});
    }
  }
}

template <typename V, bool kMax>
Error pool_f32(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  if (x == nullptr || ctx.num_outputs() != 1) return ctx.fail("expects an input and one output (no indices)");
  const Tensor& y = ctx.output(0);
  if (x->dtype != DType::f32 || y.dtype != DType::f32) return ctx.fail("expects f32");
  if (x->rank != 4 || y.rank != 4 || y.dims[0] != x->dims[0] || y.dims[1] != x->dims[1]) return ctx.fail("expects a 2-D pool");
  const List<int64_t> kernel = ctx.attr_ints("kernel_shape"), strides = ctx.attr_ints("strides"), pads = ctx.attr_ints("pads"),
                      dilations = ctx.attr_ints("dilations");
  if (kernel.size != 2 || (strides.size != 0 && strides.size != 2) || (pads.size != 0 && pads.size != 4) ||
      (dilations.size != 0 && dilations.size != 2)) {
    return ctx.fail("expects a 2-D window");
  }
  PoolShape s{};
  s.h = x->dims[2];
  s.w = x->dims[3];
  s.oh = y.dims[2];
  s.ow = y.dims[3];
  s.kh = kernel[0];
  s.kw = kernel[1];
  s.sh = strides.size == 2 ? strides[0] : 1;
  s.sw = strides.size == 2 ? strides[1] : 1;
  s.dh = dilations.size == 2 ? dilations[0] : 1;
  s.dw = dilations.size == 2 ? dilations[1] : 1;
  s.pt = pads.size == 4 ? pads[0] : 0;
  s.pl = pads.size == 4 ? pads[1] : 0;
  s.pb = pads.size == 4 ? pads[2] : 0;
  s.pr = pads.size == 4 ? pads[3] : 0;
  s.count_include_pad = ctx.attr_int("count_include_pad", 0) != 0;
  if (s.kh < 1 || s.kw < 1 || s.sh < 1 || s.sw < 1 || s.dh < 1 || s.dw < 1 || s.pt < 0 || s.pl < 0 || s.pb < 0 || s.pr < 0) {
    return ctx.fail("expects a positive window and non-negative padding");
  }
  // The output size is the reference kernel's to check; here only that every
  // window starts inside the padded input, so no read leaves the plane.
  if ((s.oh > 0 && (s.oh - 1) * s.sh >= s.h + s.pt + s.pb) || (s.ow > 0 && (s.ow - 1) * s.sw >= s.w + s.pl + s.pr)) {
    return ctx.fail("the output has more windows than the padded input");
  }
  const int64_t row_stride = kMax ? max_pool_row_stride<V>(s) : 0;
  // One plane per channel and image, split over the threads.
  ctx.parallel_for(x->dims[0] * x->dims[1], [&](int64_t begin, int64_t end) {
    for (int64_t p = begin; p < end; ++p) {
      const float* in = x->as<float>() + p * s.h * s.w;
      float* out = y.as<float>() + p * s.oh * s.ow;
      if (row_stride > 0) {
        max_pool_plane_rows<V>(s, row_stride, in, out);
      } else {
        pool_plane<V, kMax>(s, in, out);
      }
    }
  });
  return Error::ok;
}

// The mean of each row of `size` elements (NaN for an empty row), summed in
// four vector accumulators.
template <typename V>
void row_means(const float* x, float* y, int64_t rows, int64_t size) {
  using Vec = typename V::Vec;
  for (int64_t r = 0; r < rows; ++r) {
    const float* in = x + r * size;
    Vec acc0 = V::zero(), acc1 = V::zero(), acc2 = V::zero(), acc3 = V::zero();
    int64_t i = 0;
    for (; i + 4 * V::kLanes <= size; i += 4 * V::kLanes) {
      acc0 = V::add(acc0, V::load(in + i));
      acc1 = V::add(acc1, V::load(in + i + V::kLanes));
      acc2 = V::add(acc2, V::load(in + i + 2 * V::kLanes));
      acc3 = V::add(acc3, V::load(in + i + 3 * V::kLanes));
    }
    for (; i < size; i += V::kLanes) acc0 = V::add(acc0, V::load(in + i, V::mask(size - i)));
    const float sum = V::hsum(V::add(V::add(acc0, acc1), V::add(acc2, acc3)));
    y[r] = size > 0 ? sum / static_cast<float>(size) : std::numeric_limits<float>::quiet_NaN();
  }
}

// The mean of each [n, c] plane, kept as [N, C, 1, ...].
template <typename V>
Error global_avg_pool_f32(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  if (x == nullptr || ctx.num_outputs() != 1) return ctx.fail("expects an input and an output");
  const Tensor& y = ctx.output(0);
  if (x->dtype != DType::f32 || y.dtype != DType::f32 || x->rank < 3 || y.rank != x->rank) return ctx.fail("expects f32 [N, C, ...]");
  const int64_t planes = x->dims[0] * x->dims[1];
  if (y.numel != planes) return ctx.fail("the output must be [N, C, 1, ...]");
  row_means<V>(x->as<float>(), y.as<float>(), planes, planes > 0 ? x->numel / planes : 0);
  return Error::ok;
}

// A reduction over trailing axes (the `axes` attribute, not an operand) as
// rows of `size` elements, one output value per row.
inline Error trailing_rows(KernelContext& ctx, int64_t* rows, int64_t* size) {
  const Tensor* x = ctx.input(0);
  if (x == nullptr || ctx.input(1) != nullptr || ctx.num_outputs() != 1) return ctx.fail("expects an operand and the axes attribute");
  const Tensor& y = ctx.output(0);
  if (x->dtype != DType::f32 || y.dtype != DType::f32) return ctx.fail("expects f32");
  const List<int64_t> axes = ctx.attr_ints("axes");
  if (axes.empty() || axes.size > static_cast<size_t>(x->rank)) return ctx.fail("expects between one and rank axes");
  *size = 1;
  for (size_t i = 0; i < axes.size; ++i) {
    if (axes[i] != x->rank - static_cast<int64_t>(axes.size) + static_cast<int64_t>(i)) return ctx.fail("only trailing axes");
    *size *= x->dims[axes[i]];
  }
  *rows = *size > 0 ? x->numel / *size : y.numel;
  if (y.numel != *rows) return ctx.fail("the output must hold one value per row");
  return Error::ok;
}

// reduce_mean over trailing axes: layer norm's statistics over the last
// axis, a global pool written as a mean over H and W.
template <typename V>
Error reduce_mean_rows_f32(KernelContext& ctx) {
  int64_t rows = 0, size = 0;
  if (Error e = trailing_rows(ctx, &rows, &size); e != Error::ok) return e;
  row_means<V>(ctx.input(0)->as<float>(), ctx.output(0).as<float>(), rows, size);
  return Error::ok;
}

// reduce_max (kMax) or reduce_min over trailing axes: the range of an
// activation that int8-dynamic quantizes on every call. As the portable
// kernels: a NaN wins, an empty row gives -inf (max) or +inf (min); the
// minimum is the negated maximum of the negated values (exact). Of equal
// values the kernels may keep another: only a zero's sign can differ.
template <typename V, bool kMax>
Error reduce_extreme_rows_f32(KernelContext& ctx) {
  int64_t rows = 0, size = 0;
  if (Error e = trailing_rows(ctx, &rows, &size); e != Error::ok) return e;
  using Vec = typename V::Vec;
  const Vec minus_one = V::set1(-1.0f);
  const Vec lowest = V::set1(-std::numeric_limits<float>::infinity());
  auto oriented = [&](Vec v) { return kMax ? v : V::mul(minus_one, v); };  // the minimum: of -x
  const float* x = ctx.input(0)->as<float>();
  float* y = ctx.output(0).as<float>();
  for (int64_t r = 0; r < rows; ++r) {
    const float* in = x + r * size;
    Vec best0 = lowest, best1 = lowest;
    int64_t i = 0;
    for (; i + 2 * V::kLanes <= size; i += 2 * V::kLanes) {
      best0 = V::max(best0, oriented(V::load(in + i)));
      best1 = V::max(best1, oriented(V::load(in + i + V::kLanes)));
    }
    for (; i < size; ++i) best0 = V::max(best0, oriented(V::set1(in[i])));
    const float best = V::hmax(V::max(best0, best1));
    y[r] = kMax ? best : -best;
  }
  return Error::ok;
}

}  // namespace ingot::rt::simd
