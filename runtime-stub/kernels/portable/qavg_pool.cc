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
#include "kernels/portable/pool_util.h"
#include "kernels/portable/requantize.h"

namespace ingot::rt::portable {
namespace {

constexpr int kMeanFractionBits = 8;

// round(numerator / divisor) half away from zero; divisor > 0.
int64_t rounded_quotient(int64_t numerator, int64_t divisor) {
  const int64_t half = divisor / 2;
  return numerator >= 0 ? (numerator + half) / divisor : -((-numerator + half) / divisor);
}

template <typename T>
void qavg_pool(const Tensor& x, const Tensor& y, const PoolWindow& window, bool count_include_pad, int32_t x_zero_point,
               const Requantization& requant) {
  pool_planes<T>(x, y, window.spatial, [&](const T* plane, const int64_t* o) {
    int64_t sum = 0;
    const WindowCount count =
        visit_window(plane, x.dims + 2, window, o, [&](T value, int64_t) { sum += int64_t{value} - x_zero_point; });
    const int64_t divisor = count_include_pad ? count.padded : count.inside;
    // A dilated window that sees no element has the mean 0 (the real 0).
    const int64_t mean = divisor > 0 ? rounded_quotient(sum * (int64_t{1} << kMeanFractionBits), divisor) : 0;
    return static_cast<T>(requant.apply(static_cast<int32_t>(mean), 0));
  });
}

}  // namespace

Error kernel_qavg_pool(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  PoolWindow window;
  if (Error e = read_pool_window(ctx, x, y, &window); e != Error::ok) return e;
  int32_t x_zero_point = 0;
  if (Error e = read_zero_point(ctx, *x, "x_zero_point", &x_zero_point); e != Error::ok) return e;
  Requantization requant;
  if (Error e = read_requantization(ctx, y, 1, &requant); e != Error::ok) return e;
  const bool count_include_pad = ctx.attr_int("count_include_pad", 0) != 0;
  if (x->dtype == DType::u8) {
    qavg_pool<uint8_t>(*x, y, window, count_include_pad, x_zero_point, requant);
  } else {
    qavg_pool<int8_t>(*x, y, window, count_include_pad, x_zero_point, requant);
  }
  return Error::ok;
}

}  // namespace ingot::rt::portable
