// global_avg_pool: the mean of each [n, c] plane over all spatial dims, kept
// as size 1 (ONNX GlobalAveragePool). Float dtypes; f16/bf16 compute through
// double.
#include <limits>

#include "kernels/portable/pool_util.h"

namespace ingot::rt::portable {

Error kernel_global_avg_pool(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (Error e = check_global(ctx, x, y); e != Error::ok) return e;
  return visit_dtype(x->dtype, [&](auto zero) {
    using T = decltype(zero);
    if constexpr (!is_floating<T>()) {
      return ctx.fail("global_avg_pool takes float operands, not %s", dtype_name(x->dtype));
    } else {
      global_planes<T>(*x, y, [](const T* plane, int64_t size) {
        double sum = 0;
        for (int64_t i = 0; i < size; ++i) sum += load(plane[i]);
        // The mean of an empty plane is NaN.
        return store<T>(size > 0 ? sum / static_cast<double>(size) : std::numeric_limits<double>::quiet_NaN());
      });
      return Error::ok;
    }
  });
}

}  // namespace ingot::rt::portable
