// grid_sample: ONNX GridSample (opset 16). x [N, C, H, W] is sampled at the
// points of grid [N, H_out, W_out, 2], whose (x, y) pairs are normalised to
// [-1, 1]; the output is [N, C, H_out, W_out].
//
// This follows the ONNX reference implementation (and onnxruntime):
//   1. denormalise: align_corners maps -1 and 1 to the centres of the edge
//      pixels (0 and size - 1), otherwise to their outer edges (-0.5 and
//      size - 0.5); that range is the axis' "border";
//   2. nearest rounds half to even (std::nearbyint, as PyTorch does in 2-D);
//   3. a coordinate outside the border is clamped to [0, size - 1] (border)
//      or reflected into the border (reflection); zeros leaves it;
//   4. nearest reads one pixel, bilinear the 2x2 and bicubic the 4x4 pixels
//      around the coordinate (Keys' cubic with A = -0.75); each pixel index
//      outside the input is 0 (zeros), clamped (border) or reflected into
//      the border (reflection).
// The weights are separable, so each output point is the sum over its y taps
// and x taps of wy * wx * x[tap]. Coordinates are computed in f64 for f64
// inputs and in f32 otherwise, like the reference.
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "kernels/portable/util.h"

namespace ingot::rt::portable {
namespace {

enum class Mode { bilinear, nearest, bicubic };
enum class Padding { zeros, border, reflection };

struct Options {
  Mode mode = Mode::bilinear;
  Padding padding = Padding::zeros;
  bool align_corners = false;
};

// One spatial axis of x: its length and the border the padding modes use.
template <typename A>
struct Axis {
  int64_t size = 0;
  A lo = 0;  // -0.5, or 0 with align_corners
  A hi = 0;  // size - 0.5, or size - 1 with align_corners
};

// The input pixels (-1 for a zero pixel) and weights of one coordinate.
template <typename A>
struct Taps {
  int64_t index[4];
  A weight[4];
  int count = 0;
};

// An absent attribute (a hand-written program) takes ONNX's default.
template <typename Enum, size_t N>
bool parse(const char* value, const char* const (&names)[N], Enum* out) {
  if (value[0] == '\0') return true;
  for (size_t i = 0; i < N; ++i) {
    if (std::strcmp(value, names[i]) == 0) {
      *out = static_cast<Enum>(i);
      return true;
    }
  }
  return false;
}

Error read_options(KernelContext& ctx, Options* options) {
  static const char* const kModes[] = {"bilinear", "nearest", "bicubic"};
  static const char* const kPaddings[] = {"zeros", "border", "reflection"};
  if (!parse(ctx.attr_string("mode"), kModes, &options->mode)) return ctx.fail("unknown mode '%s'", ctx.attr_string("mode"));
  if (!parse(ctx.attr_string("padding_mode"), kPaddings, &options->padding)) {
    return ctx.fail("unknown padding_mode '%s'", ctx.attr_string("padding_mode"));
  }
  const int64_t align = ctx.attr_int("align_corners", 0);
  if (align != 0 && align != 1) return ctx.fail("align_corners must be 0 or 1, not %lld", static_cast<long long>(align));
  options->align_corners = align == 1;
  return Error::ok;
}

template <typename A>
Axis<A> make_axis(int64_t size, bool align_corners) {
  Axis<A> axis;
  axis.size = size;
  axis.lo = align_corners ? A(0) : A(-0.5);
  axis.hi = align_corners ? static_cast<A>(size - 1) : static_cast<A>(size) - A(0.5);
  return axis;
}

// The pixel coordinate of normalised coordinate n.
template <typename A>
A denormalize(A n, const Axis<A>& axis, bool align_corners) {
  const auto size = static_cast<A>(axis.size);
  return align_corners ? (n + 1) / 2 * (size - 1) : ((n + 1) * size - 1) / 2;
}

// Reflects v off the border's ends until it lies within them. A border of
// length 0 (one pixel, align_corners) holds one point only.
template <typename A>
A reflect(A v, const Axis<A>& axis) {
  const A range = axis.hi - axis.lo;
  if (!(range > 0)) return axis.lo;
  if (v >= axis.lo && v <= axis.hi) return v;
  const bool below = v < axis.lo;
  const A distance = below ? axis.lo - v : v - axis.hi;
  const A flips = std::floor(distance / range);
  const A rest = distance - flips * range;
  const bool even = std::fmod(flips, A(2)) == 0;
  // An even number of flips leaves v beside the end it crossed.
  return below == even ? axis.lo + rest : axis.hi - rest;
}

// Step 3: where a coordinate outside the border goes before interpolation.
template <typename A>
A adjust(A v, const Axis<A>& axis, Padding padding) {
  if (v >= axis.lo && v <= axis.hi) return v;
  if (padding == Padding::border) return std::fmin(std::fmax(v, A(0)), static_cast<A>(axis.size - 1));
  if (padding == Padding::reflection) return reflect(v, axis);
  return v;
}

// The input pixel that pixel index i reads under the padding mode, or -1 for 0.
template <typename A>
int64_t pixel(int64_t i, const Axis<A>& axis, Padding padding) {
  if (i >= 0 && i < axis.size) return i;
  if (padding == Padding::zeros) return -1;
  if (padding == Padding::reflection) i = static_cast<int64_t>(reflect(static_cast<A>(i), axis));  // truncates, as the reference
  // Clamping also keeps a rounding slip of reflect inside the input.
  return i < 0 ? 0 : (i >= axis.size ? axis.size - 1 : i);
}

// Keys' cubic convolution weights of the 4 pixels at -1, 0, 1, 2 from
// floor(v), for t = v - floor(v) in [0, 1).
template <typename A>
void cubic_weights(A t, A* w) {
  const A a = A(-0.75);
  auto near = [a](A d) { return ((a + 2) * d - (a + 3)) * d * d + 1; };           // |d| <= 1
  auto far = [a](A d) { return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a; };     // 1 < |d| < 2
  w[0] = far(t + 1);
  w[1] = near(t);
  w[2] = near(1 - t);
  w[3] = far(2 - t);
}

// The taps of coordinate v (already adjusted, finite) along one axis.
template <typename A>
Taps<A> make_taps(A v, const Axis<A>& axis, const Options& options) {
  Taps<A> taps;
  // Beyond a few pixels outside, every tap is a zero pixel (zeros; the other
  // modes brought v inside): bounding v keeps the int64 conversion defined.
  const auto size = static_cast<A>(axis.size);
  v = std::fmin(std::fmax(v, A(-8)), size + 8);
  if (options.mode == Mode::nearest) {
    taps.index[0] = pixel(static_cast<int64_t>(v), axis, options.padding);  // v is integral
    taps.weight[0] = 1;
    taps.count = 1;
    return taps;
  }
  const A floor_v = std::floor(v);
  const A t = v - floor_v;
  const auto base = static_cast<int64_t>(floor_v);
  if (options.mode == Mode::bilinear) {
    taps.weight[0] = 1 - t;
    taps.weight[1] = t;
    taps.count = 2;
    for (int k = 0; k < 2; ++k) taps.index[k] = pixel(base + k, axis, options.padding);
    return taps;
  }
  cubic_weights(t, taps.weight);
  taps.count = 4;
  for (int k = 0; k < 4; ++k) taps.index[k] = pixel(base - 1 + k, axis, options.padding);
  return taps;
}

// A float, double, Half or BFloat16 value in the accumulator type (the
// 16-bit types convert through float).
template <typename A, typename V>
A to_acc(V value) {
  if constexpr (std::is_floating_point_v<V>) {
    return static_cast<A>(value);
  } else {
    return static_cast<A>(static_cast<float>(value));
  }
}

template <typename T, typename G>
Error grid_sample(const Tensor& x, const Tensor& grid, const Tensor& y, const Options& options) {
  using A = std::conditional_t<std::is_same_v<T, double> || std::is_same_v<G, double>, double, float>;
  const int64_t batch = x.dims[0], channels = x.dims[1], height = x.dims[2], width = x.dims[3];
  const int64_t out_h = grid.dims[1], out_w = grid.dims[2];
  const Axis<A> axis_y = make_axis<A>(height, options.align_corners);
  const Axis<A> axis_x = make_axis<A>(width, options.align_corners);
  const T* src = x.as<T>();
  const G* points = grid.as<G>();
  T* dst = y.as<T>();
  const int64_t plane = height * width, out_plane = out_h * out_w;
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t p = 0; p < out_plane; ++p) {
      const G* point = points + (n * out_plane + p) * 2;  // (x, y)
      A vx = denormalize(to_acc<A>(point[0]), axis_x, options.align_corners);
      A vy = denormalize(to_acc<A>(point[1]), axis_y, options.align_corners);
      T* out = dst + n * channels * out_plane + p;
      if (std::isnan(vx) || std::isnan(vy)) {  // no pixel to read
        for (int64_t c = 0; c < channels; ++c) out[c * out_plane] = static_cast<T>(std::numeric_limits<float>::quiet_NaN());
        continue;
      }
      if (options.mode == Mode::nearest) {
        vx = std::nearbyint(vx);
        vy = std::nearbyint(vy);
      }
      const Taps<A> tx = make_taps(adjust(vx, axis_x, options.padding), axis_x, options);
      const Taps<A> ty = make_taps(adjust(vy, axis_y, options.padding), axis_y, options);
      for (int64_t c = 0; c < channels; ++c) {
        const T* image = src + (n * channels + c) * plane;
        A sum = 0;
        for (int i = 0; i < ty.count; ++i) {
          A row = 0;
          for (int j = 0; j < tx.count; ++j) {
            if (ty.index[i] < 0 || tx.index[j] < 0) continue;  // a zero pixel
            row += tx.weight[j] * to_acc<A>(image[ty.index[i] * width + tx.index[j]]);
          }
          sum += ty.weight[i] * row;
        }
        out[c * out_plane] = static_cast<T>(sum);
      }
    }
  }
  return Error::ok;
}

bool is_float(DType dtype) {
  return dtype == DType::f32 || dtype == DType::f64 || dtype == DType::f16 || dtype == DType::bf16;
}

Error check_shapes(KernelContext& ctx, const Tensor& x, const Tensor& grid, const Tensor& y) {
  if (!is_float(x.dtype) || !is_float(grid.dtype)) return ctx.fail("x and grid must be float tensors");
  if (y.dtype != x.dtype) return ctx.fail("the output must have x's dtype");
  if (x.rank != 4) return ctx.fail("x must have rank 4 (n, c, h, w), not %d", x.rank);
  if (grid.rank != 4 || grid.dims[3] != 2) return ctx.fail("grid must be [n, h_out, w_out, 2]");
  if (grid.dims[0] != x.dims[0]) return ctx.fail("grid has batch %lld but x has %lld", (long long)grid.dims[0], (long long)x.dims[0]);
  if (y.rank != 4 || y.dims[0] != x.dims[0] || y.dims[1] != x.dims[1] || y.dims[2] != grid.dims[1] ||
      y.dims[3] != grid.dims[2]) {
    return ctx.fail("the output must be [n, c, h_out, w_out]");
  }
  return Error::ok;
}

}  // namespace

Error kernel_grid_sample(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor* grid = ctx.input(1);
  const Tensor& y = ctx.output(0);
  if (x == nullptr || grid == nullptr) return ctx.fail("grid_sample needs x and grid");
  Options options;
  if (Error e = read_options(ctx, &options); e != Error::ok) return e;
  if (Error e = check_shapes(ctx, *x, *grid, y); e != Error::ok) return e;
  if (y.numel == 0) return Error::ok;
  // Zeros padding reads nothing from an empty image; the others would.
  if ((x->dims[2] < 1 || x->dims[3] < 1) && options.padding != Padding::zeros) {
    return ctx.fail("an empty image cannot be padded by border or reflection");
  }
  return visit_dtype(x->dtype, [&](auto x_zero) {
    using T = decltype(x_zero);
    return visit_dtype(grid->dtype, [&](auto grid_zero) {
      using G = decltype(grid_zero);
      if constexpr (is_floating<T>() && is_floating<G>()) {
        return grid_sample<T, G>(*x, *grid, y, options);
      } else {
        return Error::kernel_failed;  // ruled out by check_shapes
      }
    });
  });
}

}  // namespace ingot::rt::portable
