// The operands of qconv (qconv.cc has its semantics) as every qconv kernel
// reads and checks them: the reference kernel and the optimized variants
// (kernels/x86/qconv_im2col_avx2.h) accept exactly the same nodes and fail
// with the same messages.
#pragma once

#include "kernels/portable/linalg_util.h"
#include "kernels/portable/requantize.h"

namespace ingot::rt::portable {

struct QconvOperands {
  const Tensor *x, *w, *bias;
  const Tensor* y;
  int32_t x_zero_point;
  List<int64_t> w_zero_point;  // empty: 0
  Requantization requant;

  int32_t w_zero_point_of(int64_t m) const {
    if (w_zero_point.empty()) return 0;
    return static_cast<int32_t>(w_zero_point[w_zero_point.size == 1 ? 0 : static_cast<size_t>(m)]);
  }
};

inline Error check_qconv_operands(const KernelContext& ctx, QconvOperands* ops, const Window& window, int64_t group) {
  const Tensor &x = *ops->x, &w = *ops->w, &y = *ops->y;
  if (Error e = read_zero_point(ctx, x, "x_zero_point", &ops->x_zero_point); e != Error::ok) return e;
  int32_t lo = 0, hi = 0;
  if (!range_of(w.dtype, &lo, &hi)) return ctx.fail("the weight must be u8 or i8, not %s", dtype_name(w.dtype));
  ops->w_zero_point = ctx.attr_ints("w_zero_point");
  const size_t n = ops->w_zero_point.size;
  if (n > 1 && static_cast<int64_t>(n) != w.dims[0]) return ctx.fail("w_zero_point must have 1 or M entries");
  for (size_t i = 0; i < n; ++i) {
    if (ops->w_zero_point[i] < lo || ops->w_zero_point[i] > hi) return ctx.fail("w_zero_point is outside the weight's range");
  }
  if (ops->bias != nullptr && ops->bias->dtype != DType::i32) return ctx.fail("the bias must be i32");
  if (Error e = check_conv_geometry(ctx, x, w, ops->bias, y, window, group); e != Error::ok) return e;
  return read_requantization(ctx, y, w.dims[0], &ops->requant);
}

// A 2-D qconv's operands, window and group, checked as the reference kernel
// checks them, for an optimized variant that writes only y_dtype.
inline Error read_qconv_2d(KernelContext& ctx, DType y_dtype, QconvOperands* ops, Window* window, int64_t* group) {
  *ops = QconvOperands{ctx.input(0), ctx.input(1), ctx.input(2), &ctx.output(0), 0, {}, {}};
  if (Error e = check_spatial_operand(ctx, ops->x, "input"); e != Error::ok) return e;
  if (Error e = check_spatial_operand(ctx, ops->w, "weight"); e != Error::ok) return e;
  if (Error e = check_spatial_operand(ctx, ops->y, "output"); e != Error::ok) return e;
  if (ops->x->rank != 4) return ctx.fail("expects a 2-D convolution");
  if (Error e = read_window(ctx, 2, window); e != Error::ok) return e;
  *group = ctx.attr_int("group", 1);
  if (Error e = check_qconv_operands(ctx, ops, *window, *group); e != Error::ok) return e;
  if (ops->y->dtype != y_dtype) return ctx.fail("this variant writes %s, not %s", dtype_name(y_dtype), dtype_name(ops->y->dtype));
  return Error::ok;
}

}  // namespace ingot::rt::portable
