// global_lp_pool: the p-norm of each [n, c] plane over all spatial dims,
// (sum of |x|^p)^(1/p), kept as size 1 (ONNX GlobalLpPool). Float dtypes;
// f16/bf16 compute through double.
#include <cmath>

#include "kernels/portable/pool_util.h"

namespace ingot::rt::portable {

Error kernel_global_lp_pool(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (Error e = check_global(ctx, x, y); e != Error::ok) return e;
  const double p = ctx.attr_float("p", 2.0);
  if (!(p > 0)) return ctx.fail("p must be positive, not %g", p);
  return visit_dtype(x->dtype, [&](auto zero) {
    using T = decltype(zero);
    if constexpr (!is_floating<T>()) {
      return ctx.fail("global_lp_pool takes float operands, not %s", dtype_name(x->dtype));
    } else {
      global_planes<T>(*x, y, [p](const T* plane, int64_t size) {
        double sum = 0;
        for (int64_t i = 0; i < size; ++i) sum += std::pow(std::fabs(load(plane[i])), p);
        return store<T>(std::pow(sum, 1.0 / p));
      });
      return Error::ok;
    }
  });
}

}  // namespace ingot::rt::portable
