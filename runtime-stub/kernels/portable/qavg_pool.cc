// qavg_pool: the mean over each window of a u8/i8 tensor (a quantized
// AveragePool or GlobalAveragePool), y in x's dtype.
//
// The window's centred sum is divided by its count to 8 fractional bits,
// rounded half away from zero as TFLite's average pool rounds, and that mean
// is requantized to y (multiplier and shift stand for x_scale / (2^8 *
// y_scale); with equal scales that is 2^-8 and y is the rounded mean):
//
//   mean = round(sum (x - x_zero_point) * 2^8 / count)
//   y    = clamp(requantize(mean, multiplier, shift) + y_zero_point, y_min, y_max)
//
// count is avg_pool's: the window's elements inside the input, or with
// count_include_pad=1 inside the padded input. |mean| <= 255 * 2^8, far
// inside i32; the sum is taken in i64 so that no window size can overflow it.
#include "kernels/portable/qavg_pool_util.h"

namespace ingot::rt::portable {
namespace {

template <typename T>
void qavg_pool(const Tensor& x, const Tensor& y, const PoolWindow& window, bool count_include_pad, int32_t x_zero_point,
               const Requantization& requant) {
  pool_planes<T>(x, y, window.spatial, [&](const T* plane, const int64_t* o) {
    int64_t sum = 0;
    const WindowCount count =
        visit_window(plane, x.dims + 2, window, o, [&](T value, int64_t) { sum += int64_t{value} - x_zero_point; });
    const int64_t divisor = count_include_pad ? count.padded : count.inside;
    // A dilated window that sees no element has the mean 0 (the real 0).
    return static_cast<T>(requant.apply(qavg_mean(sum, divisor), 0));
  });
}

}  // namespace

Error kernel_qavg_pool(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  QavgPoolOperands ops;
  if (Error e = read_qavg_pool(ctx, &ops); e != Error::ok) return e;
  if (x->dtype == DType::u8) {
    qavg_pool<uint8_t>(*x, y, ops.window, ops.count_include_pad, ops.x_zero_point, ops.requant);
  } else {
    qavg_pool<int8_t>(*x, y, ops.window, ops.count_include_pad, ops.x_zero_point, ops.requant);
  }
  return Error::ok;
}

}  // namespace ingot::rt::portable
