// resize: each output element is a weighted sum of input elements, separable
// over the dims. Per dim, the output coordinate x maps to an input coordinate
// by the coordinate_transformation_mode, then to 1 (nearest), 2 (linear) or 4
// (cubic) input positions ("taps") with weights; the output is the sum over
// every combination of one tap per dim of the product of their weights times
// the input element there. This follows the ONNX reference implementation:
//   - positions outside the input take the nearest edge element;
//   - with exclude_outside, taps outside the input get weight 0 and the rest
//     are renormalised;
//   - tf_crop_and_resize writes extrapolation_value wherever the input
//     coordinate of some dim falls outside [0, in - 1].
// The scales are the `scales` attribute, or else the run-time `scales`
// (operand 1) or `sizes` (operand 2) tensor.
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "kernels/portable/util.h"

namespace ingot::rt::portable {
namespace {

enum class Mode { nearest, linear, cubic };
enum class Transform { half_pixel, pytorch_half_pixel, align_corners, asymmetric, tf_half_pixel_for_nn, tf_crop_and_resize };
enum class Rounding { round_prefer_floor, round_prefer_ceil, floor, ceil };

struct Options {
  Mode mode = Mode::nearest;
  Transform transform = Transform::half_pixel;
  Rounding rounding = Rounding::round_prefer_floor;
  double cubic_a = -0.75;
  bool exclude_outside = false;
  double extrapolation = 0;
};

// One resized dim.
struct Axis {
  int64_t in = 1;
  double scale = 1;
  double out_length = 1;  // scale * in: ONNX's length_resized
  double roi_start = 0;   // tf_crop_and_resize's region, in [0, 1]
  double roi_end = 1;
};

// The input positions (and their weights) that make one output coordinate.
struct Taps {
  int64_t index[4];
  double weight[4];
  int count = 0;
};

template <typename Enum, size_t N>
bool parse(const char* value, const char* const (&names)[N], Enum* out) {
  for (size_t i = 0; i < N; ++i) {
    if (std::strcmp(value, names[i]) == 0) {
      *out = static_cast<Enum>(i);
      return true;
    }
  }
  return false;
}

Error read_options(KernelContext& ctx, Options* options) {
  static const char* const kModes[] = {"nearest", "linear", "cubic"};
  static const char* const kTransforms[] = {"half_pixel", "pytorch_half_pixel", "align_corners",
                                            "asymmetric", "tf_half_pixel_for_nn", "tf_crop_and_resize"};
  static const char* const kRoundings[] = {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"};
  if (!parse(ctx.attr_string("mode"), kModes, &options->mode)) return ctx.fail("unknown mode '%s'", ctx.attr_string("mode"));
  if (!parse(ctx.attr_string("coordinate_transformation_mode"), kTransforms, &options->transform)) {
    return ctx.fail("unknown coordinate_transformation_mode '%s'", ctx.attr_string("coordinate_transformation_mode"));
  }
  if (options->mode == Mode::nearest && !parse(ctx.attr_string("nearest_mode"), kRoundings, &options->rounding)) {
    return ctx.fail("unknown nearest_mode '%s'", ctx.attr_string("nearest_mode"));
  }
  options->cubic_a = ctx.attr_float("cubic_coeff_a", -0.75);
  options->exclude_outside = ctx.attr_int("exclude_outside", 0) != 0;
  options->extrapolation = ctx.attr_float("extrapolation_value", 0.0);
  return Error::ok;
}

// Element i of a float or integer operand as a double.
double number_at(const Tensor& t, int64_t i) {
  double value = 0;
  visit_dtype(t.dtype, [&](auto zero) {
    value = static_cast<double>(static_cast<const decltype(zero)*>(t.data)[i]);
    return Error::ok;
  });
  return value;
}

bool is_float(DType dtype) {
  return dtype == DType::f32 || dtype == DType::f64 || dtype == DType::f16 || dtype == DType::bf16;
}

// Fills scale and out_length of every dim from the attribute or operand form
// and checks that they agree with the output shape.
Error read_scales(KernelContext& ctx, const Tensor& x, const Tensor& y, Axis* axes) {
  const List<double> attr = ctx.attr_floats("scales");
  const Tensor* scales = ctx.input(1);
  const Tensor* sizes = ctx.input(2);
  for (int32_t d = 0; d < x.rank; ++d) {
    Axis& axis = axes[d];
    axis.in = x.dims[d];
    const auto out = static_cast<double>(y.dims[d]);
    if (ctx.has_attr("scales")) {
      if (attr.size != static_cast<size_t>(x.rank)) return ctx.fail("scales must have %d entries", x.rank);
      axis.scale = attr[d];
    } else if (scales != nullptr) {
      if (!is_float(scales->dtype) || scales->numel != x.rank) return ctx.fail("the scales operand must be %d floats", x.rank);
      axis.scale = number_at(*scales, d);
      // The output dim as ONNX computes it, in f32.
      if (std::floor(static_cast<float>(axis.in) * static_cast<float>(axis.scale)) != static_cast<float>(out)) {
        return ctx.fail("scale %g of dim %d does not give the output dim %lld", axis.scale, d, (long long)y.dims[d]);
      }
    } else if (sizes != nullptr) {
      if ((sizes->dtype != DType::i64 && sizes->dtype != DType::i32) || sizes->numel != x.rank) {
        return ctx.fail("the sizes operand must be %d integers", x.rank);
      }
      if (number_at(*sizes, d) != out) return ctx.fail("size %g of dim %d is not the output dim", number_at(*sizes, d), d);
      if (axis.in < 1 && y.dims[d] > 0) return ctx.fail("empty dim %d cannot be resized", d);
      axis.scale = axis.in > 0 ? out / static_cast<double>(axis.in) : 1.0;
    } else {
      return ctx.fail("resize needs the scales attribute, a scales operand or a sizes operand");
    }
    if (!(axis.scale > 0) || !std::isfinite(axis.scale)) return ctx.fail("scale %g of dim %d is not positive", axis.scale, d);
    axis.out_length = axis.scale * static_cast<double>(axis.in);
    // A scale the importer derived from a size (out / in rounded to f32) is
    // snapped back to out / in, the scale ONNX uses with sizes.
    if (sizes == nullptr && axis.in > 0 && std::fabs(axis.out_length - out) <= 1e-6 * out) {
      axis.out_length = out;
      axis.scale = out / static_cast<double>(axis.in);
    }
  }
  return Error::ok;
}

Error read_roi(KernelContext& ctx, const Options& options, int32_t rank, Axis* axes) {
  if (options.transform != Transform::tf_crop_and_resize) return Error::ok;
  const List<double> roi = ctx.attr_floats("roi");
  if (roi.size != static_cast<size_t>(2 * rank)) return ctx.fail("roi must have %d entries (starts, then ends)", 2 * rank);
  for (int32_t d = 0; d < rank; ++d) {
    axes[d].roi_start = roi[d];
    axes[d].roi_end = roi[rank + d];
  }
  return Error::ok;
}

// The input coordinate of output coordinate x along one dim.
double source_coordinate(const Axis& axis, Transform transform, int64_t x) {
  const auto xr = static_cast<double>(x);
  const auto in = static_cast<double>(axis.in);
  switch (transform) {
    case Transform::half_pixel: return (xr + 0.5) / axis.scale - 0.5;
    case Transform::pytorch_half_pixel: return axis.out_length > 1 ? (xr + 0.5) / axis.scale - 0.5 : 0.0;
    case Transform::align_corners: return axis.out_length == 1 ? 0.0 : xr * (in - 1) / (axis.out_length - 1);
    case Transform::asymmetric: return xr / axis.scale;
    case Transform::tf_half_pixel_for_nn: return (xr + 0.5) / axis.scale;
    case Transform::tf_crop_and_resize:
      if (axis.out_length > 1) {
        return axis.roi_start * (in - 1) + xr * (axis.roi_end - axis.roi_start) * (in - 1) / (axis.out_length - 1);
      }
      return 0.5 * (axis.roi_start + axis.roi_end) * (in - 1);
  }
  return 0;
}

// Keys' cubic convolution weight at distance t from the sample, parameter a.
double cubic_weight(double t, double a) {
  t = std::fabs(t);
  if (t <= 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
  return 0;
}

// The taps of input coordinate xo. nearest picks one position by
// nearest_mode; linear and cubic take the 2 or 4 positions around xo, with
// the position left of xo at x0 and ratio = xo - x0 in (0, 1] (an integral
// xo counts as ratio 1, as ONNX's reference does).
Taps make_taps(const Axis& axis, const Options& options, double xo) {
  Taps taps;
  const auto last = static_cast<double>(axis.in - 1);
  // Far outside, every tap reads an edge element anyway; bounding xo keeps
  // the conversion to int64 defined.
  xo = std::fmin(std::fmax(xo, -4.0), last + 4.0);
  const bool integral = xo == std::floor(xo);
  if (options.mode == Mode::nearest) {
    double pick = xo;
    if (!integral) {
      const double ratio = xo - std::floor(xo);
      switch (options.rounding) {
        case Rounding::round_prefer_floor: pick = ratio <= 0.5 ? std::floor(xo) : std::ceil(xo); break;
        case Rounding::round_prefer_ceil: pick = ratio < 0.5 ? std::floor(xo) : std::ceil(xo); break;
        case Rounding::floor: pick = std::floor(xo); break;
        case Rounding::ceil: pick = std::ceil(xo); break;
      }
    }
    taps.index[0] = static_cast<int64_t>(std::fmin(std::fmax(pick, 0.0), last));
    taps.weight[0] = 1;
    taps.count = 1;
    return taps;
  }
  const double x0 = integral ? xo - 1 : std::floor(xo);
  const double ratio = xo - x0;
  const int first = options.mode == Mode::linear ? 0 : -1;  // offset of the first tap from x0
  const int count = options.mode == Mode::linear ? 2 : 4;
  double total = 0;
  for (int t = 0; t < count; ++t) {
    const double position = x0 + first + t;
    double weight = options.mode == Mode::linear ? (t == 0 ? 1 - ratio : ratio)
                                                 : cubic_weight(xo - position, options.cubic_a);
    if (options.exclude_outside && (position < 0 || position > last)) weight = 0;
    taps.index[t] = static_cast<int64_t>(std::fmin(std::fmax(position, 0.0), last));
    taps.weight[t] = weight;
    total += weight;
  }
  taps.count = count;
  if (options.exclude_outside && total != 0) {
    for (int t = 0; t < count; ++t) taps.weight[t] /= total;
  }
  // Taps of weight 0 add nothing; dropping them keeps the product small
  // (a dim with scale 1 is then a single tap).
  int kept = 0;
  for (int t = 0; t < count; ++t) {
    if (taps.weight[t] == 0) continue;
    taps.index[kept] = taps.index[t];
    taps.weight[kept++] = taps.weight[t];
  }
  if (kept > 0) taps.count = kept;
  return taps;
}

// A weighted sum converted to T: integers round and saturate.
template <typename T>
T from_double(double value) {
  if constexpr (is_floating<T>()) {
    return static_cast<T>(value);
  } else if constexpr (std::is_same_v<T, Bool>) {
    return value != 0;
  } else {
    if (std::isnan(value)) return T{0};
    value = std::round(value);
    value = std::fmin(std::fmax(value, static_cast<double>(std::numeric_limits<T>::min())),
                      static_cast<double>(std::numeric_limits<T>::max()));
    return static_cast<T>(value);
  }
}

template <typename T>
Error resize(const Tensor& x, const Tensor& y, const Axis* axes, const Options& options) {
  const int32_t rank = x.rank;
  int64_t strides[kMaxRank];
  row_major_strides(x.dims, rank, strides);
  const T* src = x.as<T>();
  T* dst = y.as<T>();
  int64_t pos[kMaxRank] = {};  // the output element's coordinates
  for (int64_t i = 0; i < y.numel; ++i) {
    Taps taps[kMaxRank];
    bool outside = false;
    for (int32_t d = 0; d < rank; ++d) {
      const double xo = source_coordinate(axes[d], options.transform, pos[d]);
      if (options.transform == Transform::tf_crop_and_resize &&
          (xo < 0 || xo > static_cast<double>(axes[d].in - 1))) {
        outside = true;
      }
      taps[d] = make_taps(axes[d], options, xo);
    }
    if (outside) {
      dst[i] = from_double<T>(options.extrapolation);
    } else if (options.mode == Mode::nearest) {
      int64_t offset = 0;
      for (int32_t d = 0; d < rank; ++d) offset += taps[d].index[0] * strides[d];
      dst[i] = src[offset];  // copied, not summed: exact for every dtype
    } else {
      // Every combination of one tap per dim.
      double sum = 0;
      int tap[kMaxRank] = {};
      for (;;) {
        double weight = 1;
        int64_t offset = 0;
        for (int32_t d = 0; d < rank; ++d) {
          weight *= taps[d].weight[tap[d]];
          offset += taps[d].index[tap[d]] * strides[d];
        }
        sum += weight * static_cast<double>(src[offset]);
        int32_t d = rank - 1;
        for (; d >= 0; --d) {
          if (++tap[d] < taps[d].count) break;
          tap[d] = 0;
        }
        if (d < 0) break;
      }
      dst[i] = from_double<T>(sum);
    }
    for (int32_t d = rank - 1; d >= 0; --d) {  // next output element
      if (++pos[d] < y.dims[d]) break;
      pos[d] = 0;
    }
  }
  return Error::ok;
}

}  // namespace

Error kernel_resize(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr) return ctx.fail("resize needs an operand");
  if (y.dtype != x->dtype || y.rank != x->rank) return ctx.fail("the output must have x's dtype and rank");
  if (x->dtype == DType::boolean) return ctx.fail("resize does not take bool");
  if (x->rank > kMaxRank) return ctx.fail("rank %d is above %d", x->rank, kMaxRank);
  Options options;
  if (Error e = read_options(ctx, &options); e != Error::ok) return e;
  Axis axes[kMaxRank];
  if (Error e = read_scales(ctx, *x, y, axes); e != Error::ok) return e;
  if (Error e = read_roi(ctx, options, x->rank, axes); e != Error::ok) return e;
  if (y.numel == 0) return Error::ok;
  for (int32_t d = 0; d < x->rank; ++d) {
    if (x->dims[d] < 1) return ctx.fail("dim %d of x is empty", d);
  }
  return visit_dtype(x->dtype, [&](auto zero) { return resize<decltype(zero)>(*x, y, axes, options); });
}

}  // namespace ingot::rt::portable
