// expand_depthwise: a 1x1 conv followed by the depthwise conv that is its
// only consumer (the fuse pass forms it):
//
//   e[n, m, i, j] = act_expand(b_expand[m] + sum over c of x[n, c, i, j] * w_expand[c, m])
//   y[n, m, o...] = act(bias[m] + sum over kernel offsets k of e[n, m, o*stride - pad + k] * w[m, 0, k])
//
// with e reading as zero in the padding. The definition is the two convs run
// one after the other through conv.cc: each e is summed in double from the
// bias on, rounded to the dtype and activated as conv.cc and
// fused_activation.h do it, so this kernel and the pair agree exactly. It
// recomputes e for every tap that reads it (no scratch memory; a reference,
// not a fast kernel). f32 and the other float dtypes.
#include "kernels/portable/expand_depthwise_operands.h"
#include "kernels/portable/fused_activation.h"
#include "kernels/portable/linalg_util.h"

namespace ingot::rt::portable {
namespace {

struct Shape2d {
  int64_t batch, c, e, h, w, oh, ow, kh, kw, stride_h, stride_w, pad_top, pad_left;
};

template <typename T>
void expand_depthwise(const Shape2d& s, const T* x, const T* w_expand, const T* b_expand, const FusedActivation& act_expand,
                      const T* w, const T* bias, const FusedActivation& act, T* y) {
  auto expanded = [&](int64_t n, int64_t m, int64_t iy, int64_t ix) {
    Acc<T> sum = load(b_expand[m]);
    for (int64_t c = 0; c < s.c; ++c) sum += load(x[((n * s.c + c) * s.h + iy) * s.w + ix]) * load(w_expand[c * s.e + m]);
    return activate(act_expand, store<T>(sum));
  };
  for (int64_t n = 0; n < s.batch; ++n) {
    for (int64_t m = 0; m < s.e; ++m) {
      for (int64_t oy = 0; oy < s.oh; ++oy) {
        for (int64_t ox = 0; ox < s.ow; ++ox) {
          Acc<T> sum = load(bias[m]);
          for (int64_t ky = 0; ky < s.kh; ++ky) {
            const int64_t iy = oy * s.stride_h - s.pad_top + ky;
            if (iy < 0 || iy >= s.h) continue;
            for (int64_t kx = 0; kx < s.kw; ++kx) {
              const int64_t ix = ox * s.stride_w - s.pad_left + kx;
              if (ix >= 0 && ix < s.w) sum += load(expanded(n, m, iy, ix)) * load(w[(m * s.kh + ky) * s.kw + kx]);
            }
          }
          *y++ = activate(act, store<T>(sum));
        }
      }
    }
  }
}

}  // namespace

Error kernel_expand_depthwise(KernelContext& ctx) {
  ExpandDepthwiseOperands o;
  if (Error err = read_expand_depthwise(ctx, &o); err != Error::ok) return err;
  const Tensor *x = o.x, *w = o.w;
  const Tensor& y = *o.y;
  if (ctx.attr_string("packed")[0] != '\0') return ctx.fail("weights packed as %s need a packed kernel", ctx.attr_string("packed"));
  Window window;
  if (Error err = read_window(ctx, 2, &window); err != Error::ok) return err;
  for (int i = 0; i < 2; ++i) {
    if (window.dilations[i] != 1) return ctx.fail("no dilation");
    const int64_t extent = w->dims[2 + i], padded = x->dims[2 + i] + window.pads[i] + window.pads[2 + i];
    if (padded < extent || y.dims[2 + i] != (padded - extent) / window.strides[i] + 1) {
      return ctx.fail("output dims do not match the input, kernel, strides and pads");
    }
  }
  FusedActivation act_expand, act;
  if (Error err = read_fused_activation(ctx, &act_expand, "expand_activation", "expand_activation_params"); err != Error::ok) return err;
  if (Error err = read_fused_activation(ctx, &act); err != Error::ok) return err;
  const Shape2d s{x->dims[0], o.c, o.e, x->dims[2], x->dims[3], y.dims[2], y.dims[3], w->dims[2], w->dims[3],
                  window.strides[0], window.strides[1], window.pads[0], window.pads[1]};
  return visit_dtype(x->dtype, [&](auto zero) -> Error {
    using T = decltype(zero);
    if constexpr (!is_floating<T>()) {
      return ctx.fail("expects float operands, not %s", dtype_name(x->dtype));
    } else {
      expand_depthwise<T>(s, x->as<T>(), o.w_expand->as<T>(), o.b_expand->as<T>(), act_expand, w->as<T>(), o.bias->as<T>(), act, y.as<T>());
      return Error::ok;
    }
  });
}

}  // namespace ingot::rt::portable
