// lp_pool: the p-norm of each window (ONNX LpPool).
//
// y[n, c, o...] = (sum of |x|^p over the window's elements inside the
// input)^(1/p); pads add zeros, which add nothing. Float dtypes; f16/bf16
// compute through double.
#include <cmath>

#include "kernels/portable/pool_util.h"

namespace ingot::rt::portable {

Error kernel_lp_pool(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  PoolWindow window;
  if (Error e = read_pool_window(ctx, x, y, &window); e != Error::ok) return e;
  const double p = ctx.attr_float("p", 2.0);
  if (!(p > 0)) return ctx.fail("p must be positive, not %g", p);
  return visit_dtype(x->dtype, [&](auto zero) {
    using T = decltype(zero);
    if constexpr (!is_floating<T>()) {
      return ctx.fail("lp_pool takes float operands, not %s", dtype_name(x->dtype));
    } else {
      pool_planes<T>(*x, y, window.spatial, [&](const T* plane, const int64_t* o) {
        double sum = 0;
        visit_window(plane, x->dims + 2, window, o, [&](T value, int64_t) { sum += std::pow(std::fabs(load(value)), p); });
        return store<T>(std::pow(sum, 1.0 / p));
      });
      return Error::ok;
    }
  });
}

}  // namespace ingot::rt::portable
