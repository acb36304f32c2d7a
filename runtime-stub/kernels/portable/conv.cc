// conv: N-d grouped convolution (ONNX Conv; ConvInteger lowers to i32 conv).
//
//   y[n, m, o...] = bias[m] + sum over c < C/group and kernel offsets k of
//       x[n, g*C/group + c, o*stride - pad_begin + k*dilation] * w[m, c, k]
//
// with g = m / (M/group) and x reading as zero outside the input (explicit
// padding). x [N, C, in...], w [M, C/group, kernel...], bias [M], y [N, M,
// out...]. Floats accumulate in double, integers wrap like T.
#include <algorithm>

#include "kernels/portable/fused_activation.h"
#include "kernels/portable/linalg_util.h"

namespace ingot::rt::portable {
namespace {

Error check(const KernelContext& ctx, const Tensor& x, const Tensor& w, const Tensor* bias, const Tensor& y,
            const Window& window, int64_t group) {
  if (w.dtype != x.dtype || y.dtype != x.dtype || (bias != nullptr && bias->dtype != x.dtype)) {
    return ctx.fail("the operands must share one dtype");
  }
  if (x.dtype == DType::boolean) return ctx.fail("bool operands are not supported");
  return check_conv_geometry(ctx, x, w, bias, y, window, group);
}

// The outputs ox of one row whose input column ox * stride + offset lies in
// [0, width): [*begin, *end), empty when none does.
inline void inside_columns(int64_t offset, int64_t stride, int64_t width, int64_t out, int64_t* begin, int64_t* end) {
  *begin = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
  *end = width - 1 - offset < 0 ? 0 : std::min(out, (width - 1 - offset) / stride + 1);
  *begin = std::min(*begin, *end);
}

// The 2-D case, a band of output rows at a time: each tap (c, ky, kx) is
// added to a row of sums held in a stack buffer. Every output still gets
// bias, then its taps in the general loop's order (c, then ky, kx), padding
// skipped: the same sums, bit for bit. But the padding test and the index
// arithmetic happen once per row and tap, not once per output and tap, and
// the inner loop is a plain multiply-add along a row (int8 calibration runs
// whole models on this kernel: resnet18 9x faster). GCC's -O2 does not
// vectorize it (its cost model refuses the scalar remainder), and with the
// dynamic cost model it measured no faster.
inline constexpr int64_t kBandSums = 2048;

template <typename T>
void conv_2d(const ConvShape& s, const Window& window, const T* x, const T* w, const T* bias, T* y) {
  const int64_t ih = s.in[0], iw = s.in[1], kh = s.kernel[0], kw = s.kernel[1], oh = s.out[0], ow = s.out[1];
  const int64_t sy = window.strides[0], sx = window.strides[1];
  const int64_t c_per_group = s.in_channels / s.group;
  const int64_t m_per_group = s.out_channels / s.group;
  const int64_t band = kBandSums / ow;
  Acc<T> sums[kBandSums];
  for (int64_t n = 0; n < s.batch; ++n) {
    for (int64_t m = 0; m < s.out_channels; ++m) {
      const int64_t first_channel = (m / m_per_group) * c_per_group;
      for (int64_t oy0 = 0; oy0 < oh; oy0 += band) {
        const int64_t rows = std::min(band, oh - oy0);
        std::fill_n(sums, rows * ow, bias != nullptr ? load(bias[m]) : Acc<T>{0});
        for (int64_t c = 0; c < c_per_group; ++c) {
          const T* x_plane = x + (n * s.in_channels + first_channel + c) * ih * iw;
          const T* w_plane = w + (m * c_per_group + c) * kh * kw;
          for (int64_t ky = 0; ky < kh; ++ky) {
            for (int64_t kx = 0; kx < kw; ++kx) {
              const Acc<T> weight = load(w_plane[ky * kw + kx]);
              const int64_t column = kx * window.dilations[1] - window.pad_begin(1);
              int64_t begin, end;
              inside_columns(column, sx, iw, ow, &begin, &end);
              for (int64_t r = 0; r < rows; ++r) {
                const int64_t iy = (oy0 + r) * sy - window.pad_begin(0) + ky * window.dilations[0];
                if (iy < 0 || iy >= ih) continue;
                const T* x_row = x_plane + iy * iw;
                Acc<T>* row = sums + r * ow;
                for (int64_t ox = begin; ox < end; ++ox) row[ox] += load(x_row[column + ox * sx]) * weight;
              }
            }
          }
        }
        for (int64_t i = 0; i < rows * ow; ++i) *y++ = store<T>(sums[i]);
      }
    }
  }
}

template <typename T>
void conv(const ConvShape& s, const Window& window, const T* x, const T* w, const T* bias, T* y) {
  if (s.spatial == 2 && s.out[1] <= kBandSums) return conv_2d(s, window, x, w, bias, y);
  const int64_t in_size = product(s.in, s.spatial);
  const int64_t kernel_size = product(s.kernel, s.spatial);
  const int64_t c_per_group = s.in_channels / s.group;
  const int64_t m_per_group = s.out_channels / s.group;
  for (int64_t n = 0; n < s.batch; ++n) {
    for (int64_t m = 0; m < s.out_channels; ++m) {
      const int64_t first_channel = (m / m_per_group) * c_per_group;
      int64_t o[kMaxRank] = {};
      do {
        Acc<T> sum = bias != nullptr ? load(bias[m]) : Acc<T>{0};
        for (int64_t c = 0; c < c_per_group; ++c) {
          const T* x_plane = x + (n * s.in_channels + first_channel + c) * in_size;
          const T* w_plane = w + (m * c_per_group + c) * kernel_size;
          int64_t k[kMaxRank] = {};
          int64_t k_flat = 0;  // k in row-major order
          do {
            int64_t offset;
            if (conv_input_offset(s, window, o, k, &offset)) sum += load(x_plane[offset]) * load(w_plane[k_flat]);
            ++k_flat;
          } while (next_index(k, s.kernel, s.spatial));
        }
        *y++ = store<T>(sum);
      } while (next_index(o, s.out, s.spatial));
    }
  }
}

}  // namespace

Error kernel_conv(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor* w = ctx.input(1);
  const Tensor* bias = ctx.input(2);
  const Tensor& y = ctx.output(0);
  if (Error e = check_spatial_operand(ctx, x, "input"); e != Error::ok) return e;
  if (Error e = check_spatial_operand(ctx, w, "weight"); e != Error::ok) return e;
  if (Error e = check_spatial_operand(ctx, &y, "output"); e != Error::ok) return e;
  // Weights the compiler packed for an optimized kernel (pack-weights) are not in this kernel's order.
  if (ctx.attr_string("packed")[0] != '\0') return ctx.fail("weights packed as %s need a packed kernel", ctx.attr_string("packed"));
  Window window;
  if (Error e = read_window(ctx, x->rank - 2, &window); e != Error::ok) return e;
  const int64_t group = ctx.attr_int("group", 1);
  if (Error e = check(ctx, *x, *w, bias, y, window, group); e != Error::ok) return e;
  const ConvShape s{x->rank - 2, x->dims[0], x->dims[1], w->dims[0], group, x->dims + 2, w->dims + 2, y.dims + 2};
  if (y.numel == 0) return Error::ok;
  return visit_dtype(x->dtype, [&](auto zero) {
    using T = decltype(zero);
    if constexpr (!std::is_same_v<T, Bool>) {
      conv<T>(s, window, x->as<T>(), w->as<T>(), bias != nullptr ? bias->as<T>() : nullptr, y.as<T>());
    }
    return apply_fused_activation(ctx, y);
  });
}

}  // namespace ingot::rt::portable
