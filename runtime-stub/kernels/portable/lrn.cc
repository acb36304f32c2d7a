// lrn: local response normalisation across channels (axis 1):
//   y = x / (bias + alpha / size * square_sum)^beta
// where square_sum sums x^2 over the channels
// [c - floor((size - 1) / 2), c + ceil((size - 1) / 2)], clipped to [0, C).
#include "kernels/portable/norm_util.h"

namespace ingot::rt::portable {

Error kernel_lrn(KernelContext& ctx) {
  if (Error e = check_channel_norm(ctx, /*min_rank=*/2, /*first_param=*/1, /*num_params=*/0); e != Error::ok) return e;
  const Tensor& x = *ctx.input(0);
  const Tensor& y = ctx.output(0);
  const int64_t size = ctx.attr_int("size", 0);
  if (size < 1) return ctx.fail("size must be positive, not %lld", (long long)size);
  const double alpha = ctx.attr_float("alpha", 1e-4);
  const double beta = ctx.attr_float("beta", 0.75);
  const double bias = ctx.attr_float("bias", 1.0);
  const int64_t before = (size - 1) / 2;  // floor
  const int64_t after = size / 2;         // ceil((size - 1) / 2)
  const AxisView v = view_around(x, 1);   // [N, C, spatial]
  return visit_float_dtype(ctx, x.dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    const T* in = x.as<T>();
    T* out = y.as<T>();
    for (int64_t n = 0; n < v.outer; ++n) {
      for (int64_t c = 0; c < v.n; ++c) {
        const int64_t first = c - before < 0 ? 0 : c - before;
        const int64_t last = c + after > v.n - 1 ? v.n - 1 : c + after;
        for (int64_t i = 0; i < v.inner; ++i) {
          double square_sum = 0;
          for (int64_t k = first; k <= last; ++k) {
            const double value = static_cast<double>(in[(n * v.n + k) * v.inner + i]);
            square_sum += value * value;
          }
          const int64_t at = (n * v.n + c) * v.inner + i;
          const double scale = std::pow(bias + alpha / static_cast<double>(size) * square_sum, beta);
          out[at] = static_cast<T>(static_cast<double>(in[at]) / scale);
        }
      }
    }
    return Error::ok;
  });
}

}  // namespace ingot::rt::portable
