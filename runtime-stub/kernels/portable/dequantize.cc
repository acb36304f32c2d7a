// dequantize: y = (x - zero_point) * scale, in the scale's float dtype. The
// scale and zero point are per tensor or per position along `axis`.
#include "kernels/portable/quant_util.h"

namespace ingot::rt::portable {

Error kernel_dequantize(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr) return ctx.fail("dequantize needs an operand");
  if (x->dtype != DType::u8 && x->dtype != DType::i8 && x->dtype != DType::u16 && x->dtype != DType::i16 &&
      x->dtype != DType::i32) {
    return ctx.fail("dequantize takes u8, i8, u16, i16 or i32, not %s", dtype_name(x->dtype));
  }
  if (!same_dims(*x, y)) return ctx.fail("the output must have x's shape");
  const Tensor* zero_point = ctx.input(2);
  if (zero_point != nullptr && zero_point->dtype != x->dtype) return ctx.fail("the zero point must have x's dtype");
  QuantParams params;
  if (Error e = quant_params(ctx, *x, &params); e != Error::ok) return e;
  if (y.dtype != params.scale->dtype) return ctx.fail("the output must have the scale's dtype");

  return visit_dtype(y.dtype, [&](auto zero) {
    using T = decltype(zero);
    for (int64_t i = 0; i < x->numel; ++i) {
      const double difference = real_at(*x, i) - params.zero_point_at(i);  // exact in double
      const double scale = params.scale_at(i);
      // As ONNX computes it: in f32 unless the scale is f64.
      if (y.dtype == DType::f64) {
        y.as<T>()[i] = static_cast<T>(difference * scale);
      } else {
        y.as<T>()[i] = static_cast<T>(static_cast<float>(difference) * static_cast<float>(scale));
      }
    }
    return Error::ok;
  });
}

}  // namespace ingot::rt::portable
