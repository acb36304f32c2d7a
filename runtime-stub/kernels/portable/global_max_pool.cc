// global_max_pool: the maximum of each [n, c] plane over all spatial dims,
// kept as size 1 (ONNX GlobalMaxPool). Any dtype but bool; NaN wins.
#include "kernels/portable/pool_util.h"

namespace ingot::rt::portable {

Error kernel_global_max_pool(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (Error e = check_global(ctx, x, y); e != Error::ok) return e;
  if (x->dtype == DType::boolean) return ctx.fail("bool operands are not supported");
  return visit_dtype(x->dtype, [&](auto zero) {
    using T = decltype(zero);
    global_planes<T>(*x, y, [](const T* plane, int64_t size) {
      MaxOf<T> max;
      for (int64_t i = 0; i < size; ++i) max.add(plane[i]);
      return max.result();
    });
    return Error::ok;
  });
}

}  // namespace ingot::rt::portable
