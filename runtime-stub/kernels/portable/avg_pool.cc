// avg_pool: the mean over each window (ONNX AveragePool).
//
// The sum covers the window's elements inside the input (pads add zeros).
// The divisor is the number of those elements, or with count_include_pad=1
// the number inside the padded input: a ceil_mode window that reaches past
// the end padding is clipped there, as in ONNX's reference. Float dtypes;
// f16/bf16 compute through double.
#include <limits>

#include "kernels/portable/pool_util.h"

namespace ingot::rt::portable {

Error kernel_avg_pool(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  PoolWindow window;
  if (Error e = read_pool_window(ctx, x, y, &window); e != Error::ok) return e;
  const bool count_include_pad = ctx.attr_int("count_include_pad", 0) != 0;
  return visit_dtype(x->dtype, [&](auto zero) {
    using T = decltype(zero);
    if constexpr (!is_floating<T>()) {
      return ctx.fail("avg_pool takes float operands, not %s", dtype_name(x->dtype));
    } else {
      pool_planes<T>(*x, y, window.spatial, [&](const T* plane, const int64_t* o) {
        double sum = 0;
        WindowCount count = visit_window(plane, x->dims + 2, window, o, [&](T value, int64_t) { sum += load(value); });
        const int64_t divisor = count_include_pad ? count.padded : count.inside;
        // The mean of nothing (a dilated window between the input's elements) is NaN.
        return store<T>(divisor > 0 ? sum / static_cast<double>(divisor) : std::numeric_limits<double>::quiet_NaN());
      });
      return Error::ok;
    }
  });
}

}  // namespace ingot::rt::portable
