// instance_norm: for each sample and channel, (x - mean) / sqrt(var +
// epsilon) * scale + bias, with mean and (population) variance over the
// spatial axes and scale, bias per channel. Two passes for the statistics.
#include "kernels/portable/norm_util.h"

namespace ingot::rt::portable {

Error kernel_instance_norm(KernelContext& ctx) {
  if (Error e = check_channel_norm(ctx, /*min_rank=*/3, /*first_param=*/1, /*num_params=*/2); e != Error::ok) return e;
  const Tensor& x = *ctx.input(0);
  const Tensor& y = ctx.output(0);
  const double epsilon = ctx.attr_float("epsilon", 1e-5);
  const AxisView v = view_around(x, 1);  // [N, C, spatial]
  return visit_float_dtype(ctx, x.dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    const T* scale = ctx.input(1)->as<T>();
    const T* bias = ctx.input(2)->as<T>();
    for (int64_t n = 0; n < v.outer; ++n) {
      for (int64_t c = 0; c < v.n; ++c) {
        const T* in = x.as<T>() + (n * v.n + c) * v.inner;
        T* out = y.as<T>() + (n * v.n + c) * v.inner;
        double sum = 0;
        for (int64_t i = 0; i < v.inner; ++i) sum += static_cast<double>(in[i]);
        const double mean = sum / static_cast<double>(v.inner);
        double squares = 0;
        for (int64_t i = 0; i < v.inner; ++i) {
          const double d = static_cast<double>(in[i]) - mean;
          squares += d * d;
        }
        const double inv_std = 1.0 / std::sqrt(squares / static_cast<double>(v.inner) + epsilon);
        for (int64_t i = 0; i < v.inner; ++i) {
          const double normalized = (static_cast<double>(in[i]) - mean) * inv_std;
          out[i] = static_cast<T>(normalized * static_cast<double>(scale[c]) + static_cast<double>(bias[c]));
        }
      }
    }
    return Error::ok;
  });
}

}  // namespace ingot::rt::portable
