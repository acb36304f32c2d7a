// conv_transpose: N-d grouped transposed convolution (ONNX ConvTranspose).
//
// Each input element x[n, c, i...] scatters x * w[c, m, k...] onto
//   y[n, g*M/group + m, i*stride + k*dilation - pad_begin]
// (g = c / (C/group)); positions outside y are dropped. The kernel gathers
// instead, so that every output is one accumulation: for output position o
// and offset k, the input position is i = (o + pad_begin - k*dilation) /
// stride when that divides exactly and lies inside the input.
// x [N, C, in...], w [C, M/group, kernel...], bias [M], y [N, M, out...] with
//   out = stride*(in-1) + output_padding + (kernel-1)*dilation + 1 - pads.
#include "kernels/portable/linalg_util.h"

namespace ingot::rt::portable {
namespace {

Error check(const KernelContext& ctx, const Tensor& x, const Tensor& w, const Tensor* bias, const Tensor& y,
            const Window& window, const int64_t* output_padding, int64_t group) {
  if (w.rank != x.rank || y.rank != x.rank) {
    return ctx.fail("x, w and y must share one rank, not %d, %d and %d", x.rank, w.rank, y.rank);
  }
  if (w.dtype != x.dtype || y.dtype != x.dtype || (bias != nullptr && bias->dtype != x.dtype)) {
    return ctx.fail("the operands must share one dtype");
  }
  if (x.dtype == DType::boolean) return ctx.fail("bool operands are not supported");
  if (x.dims[1] != w.dims[0]) {
    return ctx.fail("the input has %lld channels but the weight expects %lld", static_cast<long long>(x.dims[1]),
                    static_cast<long long>(w.dims[0]));
  }
  if (group < 1 || group > kMaxExtent || x.dims[1] % group != 0) {
    return ctx.fail("the input channels do not split into %lld groups", static_cast<long long>(group));
  }
  if (y.dims[0] != x.dims[0] || y.dims[1] % group != 0 || y.dims[1] / group != w.dims[1]) {
    return ctx.fail("the output must be [N, group * w[1], ...]");
  }
  if (bias != nullptr && (bias->rank != 1 || bias->dims[0] != y.dims[1])) return ctx.fail("the bias must be [M]");
  for (int32_t i = 0; i < window.spatial; ++i) {
    int64_t extent;
    if (!dilated_extent(w.dims[2 + i], window.dilations[i], &extent)) {
      return ctx.fail("spatial dim %d: the dilated kernel is empty or past 2^40", i);
    }
    if (x.dims[2 + i] < 1 || x.dims[2 + i] - 1 > kMaxExtent / window.strides[i]) {
      return ctx.fail("spatial dim %d of the input is empty or too large", i);
    }
    const int64_t size = window.strides[i] * (x.dims[2 + i] - 1) + output_padding[i] + extent - window.pad_begin(i) -
                         window.pad_end(i);
    if (y.dims[2 + i] != size) {
      return ctx.fail("spatial dim %d: the output has %lld, the window gives %lld", i, static_cast<long long>(y.dims[2 + i]),
                      static_cast<long long>(size));
    }
  }
  return Error::ok;
}

// Offset of the input element that kernel offset k carries to output
// position o, in one channel plane; false when there is none.
bool transposed_input_offset(const ConvShape& s, const Window& window, const int64_t* o, const int64_t* k, int64_t* offset) {
  int64_t at = 0;
  for (int32_t i = 0; i < s.spatial; ++i) {
    const int64_t scaled = o[i] + window.pad_begin(i) - k[i] * window.dilations[i];  // = input pos * stride
    if (scaled < 0 || scaled % window.strides[i] != 0) return false;
    const int64_t pos = scaled / window.strides[i];
    if (pos >= s.in[i]) return false;
    at = at * s.in[i] + pos;
  }
  *offset = at;
  return true;
}

template <typename T>
void conv_transpose(const ConvShape& s, const Window& window, const T* x, const T* w, const T* bias, T* y) {
  const int64_t in_size = product(s.in, s.spatial);
  const int64_t kernel_size = product(s.kernel, s.spatial);
  const int64_t c_per_group = s.in_channels / s.group;
  const int64_t m_per_group = s.out_channels / s.group;
  for (int64_t n = 0; n < s.batch; ++n) {
    for (int64_t m = 0; m < s.out_channels; ++m) {
      const int64_t first_channel = (m / m_per_group) * c_per_group;
      const int64_t m_in_group = m % m_per_group;
      int64_t o[kMaxRank] = {};
      do {
        Acc<T> sum = bias != nullptr ? load(bias[m]) : Acc<T>{0};
        for (int64_t c = first_channel; c < first_channel + c_per_group; ++c) {
          const T* x_plane = x + (n * s.in_channels + c) * in_size;
          const T* w_plane = w + (c * m_per_group + m_in_group) * kernel_size;
          int64_t k[kMaxRank] = {};
          int64_t k_flat = 0;  // k in row-major order
          do {
            int64_t offset;
            if (transposed_input_offset(s, window, o, k, &offset)) sum += load(x_plane[offset]) * load(w_plane[k_flat]);
            ++k_flat;
          } while (next_index(k, s.kernel, s.spatial));
        }
        *y++ = store<T>(sum);
      } while (next_index(o, s.out, s.spatial));
    }
  }
}

}  // namespace

Error kernel_conv_transpose(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor* w = ctx.input(1);
  const Tensor* bias = ctx.input(2);
  const Tensor& y = ctx.output(0);
  if (Error e = check_spatial_operand(ctx, x, "input"); e != Error::ok) return e;
  if (Error e = check_spatial_operand(ctx, w, "weight"); e != Error::ok) return e;
  if (Error e = check_spatial_operand(ctx, &y, "output"); e != Error::ok) return e;
  const int32_t spatial = x->rank - 2;
  Window window;
  if (Error e = read_window(ctx, spatial, &window); e != Error::ok) return e;
  int64_t output_padding[kMaxRank];
  if (Error e = read_ints(ctx, "output_padding", spatial, 0, 0, output_padding); e != Error::ok) return e;
  const int64_t group = ctx.attr_int("group", 1);
  if (Error e = check(ctx, *x, *w, bias, y, window, output_padding, group); e != Error::ok) return e;
  const ConvShape s{spatial, x->dims[0], x->dims[1], y.dims[1], group, x->dims + 2, w->dims + 2, y.dims + 2};
  if (y.numel == 0) return Error::ok;
  return visit_dtype(x->dtype, [&](auto zero) {
    using T = decltype(zero);
    if constexpr (!std::is_same_v<T, Bool>) {
      conv_transpose<T>(s, window, x->as<T>(), w->as<T>(), bias != nullptr ? bias->as<T>() : nullptr, y.as<T>());
    }
    return Error::ok;
  });
}

}  // namespace ingot::rt::portable
