// qconv: integer convolution of u8/i8 operands (int8 conv, ONNX QLinearConv
// and ConvInteger).
//
//   acc[n, m, o...] = bias[m] + sum over c < C/group and kernel offsets k of
//       (x[n, g*C/group + c, o*stride - pad_begin + k*dilation] - x_zero_point)
//       * (w[m, c, k] - w_zero_point[m])
//
// in i32 with two's-complement wrap-around (what an i32 SIMD accumulator
// does), positions in the padding contributing nothing (they hold the real
// value 0, which is x_zero_point). y is acc for an i32 output, else
// clamp(requantize(acc, multiplier[m], shift[m]) + y_zero_point, y_min,
// y_max) (requantize.h). w_zero_point, multiplier and shift have one entry or
// one per output channel.
#include "kernels/portable/qconv_operands.h"

namespace ingot::rt::portable {
namespace {

void qconv(const ConvShape& s, const Window& window, const QconvOperands& ops) {
  const int64_t in_size = product(s.in, s.spatial);
  const int64_t kernel_size = product(s.kernel, s.spatial);
  const int64_t c_per_group = s.in_channels / s.group;
  const int64_t m_per_group = s.out_channels / s.group;
  const int32_t* bias = ops.bias != nullptr ? ops.bias->as<int32_t>() : nullptr;
  int64_t out = 0;
  for (int64_t n = 0; n < s.batch; ++n) {
    for (int64_t m = 0; m < s.out_channels; ++m) {
      const int64_t first_channel = (m / m_per_group) * c_per_group;
      const int32_t w_zero_point = ops.w_zero_point_of(m);
      int64_t o[kMaxRank] = {};
      do {
        uint32_t acc = bias != nullptr ? static_cast<uint32_t>(bias[m]) : 0u;  // wraps like an i32 register
        for (int64_t c = 0; c < c_per_group; ++c) {
          const int64_t x_plane = (n * s.in_channels + first_channel + c) * in_size;
          const int64_t w_plane = (m * c_per_group + c) * kernel_size;
          int64_t k[kMaxRank] = {};
          int64_t k_flat = 0;  // k in row-major order
          do {
            int64_t offset;
            if (conv_input_offset(s, window, o, k, &offset)) {
              const int32_t xv = load_8bit(*ops.x, x_plane + offset) - ops.x_zero_point;
              const int32_t wv = load_8bit(*ops.w, w_plane + k_flat) - w_zero_point;
              acc += static_cast<uint32_t>(xv * wv);
            }
            ++k_flat;
          } while (next_index(k, s.kernel, s.spatial));
        }
        const int32_t value = static_cast<int32_t>(acc);
        store_result(*ops.y, out++, ops.requant.enabled ? ops.requant.apply(value, m) : value);
      } while (next_index(o, s.out, s.spatial));
    }
  }
}

}  // namespace

Error kernel_qconv(KernelContext& ctx) {
  QconvOperands ops{ctx.input(0), ctx.input(1), ctx.input(2), &ctx.output(0), 0, {}, {}};
  if (Error e = check_spatial_operand(ctx, ops.x, "input"); e != Error::ok) return e;
  if (Error e = check_spatial_operand(ctx, ops.w, "weight"); e != Error::ok) return e;
  if (Error e = check_spatial_operand(ctx, ops.y, "output"); e != Error::ok) return e;
  Window window;
  if (Error e = read_window(ctx, ops.x->rank - 2, &window); e != Error::ok) return e;
  const int64_t group = ctx.attr_int("group", 1);
  if (Error e = check_qconv_operands(ctx, &ops, window, group); e != Error::ok) return e;
  const Tensor &x = *ops.x, &w = *ops.w;
  const ConvShape s{x.rank - 2, x.dims[0], x.dims[1], w.dims[0], group, x.dims + 2, w.dims + 2, ops.y->dims + 2};
  if (ops.y->numel != 0) qconv(s, window, ops);
  return Error::ok;
}

}  // namespace ingot::rt::portable
