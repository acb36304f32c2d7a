// batch_norm (inference): (x - mean) / sqrt(var + epsilon) * scale + bias,
// with the four parameters per channel (axis 1).
#include "kernels/portable/norm_util.h"

namespace ingot::rt::portable {

Error kernel_batch_norm(KernelContext& ctx) {
  if (Error e = check_channel_norm(ctx, /*min_rank=*/2, /*first_param=*/1, /*num_params=*/4); e != Error::ok) return e;
  const Tensor& x = *ctx.input(0);
  const Tensor& y = ctx.output(0);
  const double epsilon = ctx.attr_float("epsilon", 1e-5);
  const AxisView v = view_around(x, 1);  // [N, C, spatial]
  return visit_float_dtype(ctx, x.dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    const T* in = x.as<T>();
    const T* scale = ctx.input(1)->as<T>();
    const T* bias = ctx.input(2)->as<T>();
    const T* mean = ctx.input(3)->as<T>();
    const T* var = ctx.input(4)->as<T>();
    T* out = y.as<T>();
    for (int64_t n = 0; n < v.outer; ++n) {
      for (int64_t c = 0; c < v.n; ++c) {
        const double inv_std = 1.0 / std::sqrt(static_cast<double>(var[c]) + epsilon);
        for (int64_t i = 0; i < v.inner; ++i) {
          const int64_t at = (n * v.n + c) * v.inner + i;
          const double normalized = (static_cast<double>(in[at]) - static_cast<double>(mean[c])) * inv_std;
          out[at] = static_cast<T>(normalized * static_cast<double>(scale[c]) + static_cast<double>(bias[c]));
        }
      }
    }
    return Error::ok;
  });
}

}  // namespace ingot::rt::portable
