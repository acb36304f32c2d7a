// quantize: y = saturate(round_half_even(x / scale) + zero_point), in the
// zero point's dtype (u8, i8, u16 or i16; u8 without a zero point). The
// scale and zero point are per tensor or per position along `axis`.
#include <cmath>
#include <limits>

#include "kernels/portable/quant_util.h"

namespace ingot::rt::portable {
namespace {

double round_half_even(double value) {
  if (std::fabs(value - std::trunc(value)) == 0.5) return 2.0 * std::round(value / 2.0);
  return std::round(value);
}

// Rounds q + zero_point and clamps it to T's range; NaN becomes the zero point.
template <typename T>
void store(const Tensor& y, int64_t i, double q, double zero_point) {
  double value = std::isnan(q) ? zero_point : round_half_even(q) + zero_point;
  value = std::fmin(std::fmax(value, static_cast<double>(std::numeric_limits<T>::min())),
                    static_cast<double>(std::numeric_limits<T>::max()));
  y.as<T>()[i] = static_cast<T>(value);
}

bool is_narrow_float(DType dtype) { return dtype == DType::f32 || dtype == DType::f16 || dtype == DType::bf16; }

}  // namespace

Error kernel_quantize(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr) return ctx.fail("quantize needs an operand");
  if (!is_narrow_float(x->dtype) && x->dtype != DType::f64 && x->dtype != DType::i32) {
    return ctx.fail("quantize takes a float or i32 operand, not %s", dtype_name(x->dtype));
  }
  if (!same_dims(*x, y)) return ctx.fail("the output must have x's shape");
  const Tensor* zero_point = ctx.input(2);
  if (zero_point != nullptr && zero_point->dtype != y.dtype) return ctx.fail("the output must have the zero point's dtype");
  QuantParams params;
  if (Error e = quant_params(ctx, *x, &params); e != Error::ok) return e;
  // As ONNX computes it: x / scale in f32 unless an operand is wider.
  const bool in_float = is_narrow_float(x->dtype) && is_narrow_float(params.scale->dtype);

  for (int64_t i = 0; i < x->numel; ++i) {
    const double value = real_at(*x, i), scale = params.scale_at(i);
    const double q = in_float ? static_cast<double>(static_cast<float>(value) / static_cast<float>(scale)) : value / scale;
    const double zp = params.zero_point_at(i);
    switch (y.dtype) {
      case DType::u8: store<uint8_t>(y, i, q, zp); break;
      case DType::i8: store<int8_t>(y, i, q, zp); break;
      case DType::u16: store<uint16_t>(y, i, q, zp); break;
      case DType::i16: store<int16_t>(y, i, q, zp); break;
      default: return ctx.fail("quantize does not produce %s", dtype_name(y.dtype));
    }
  }
  return Error::ok;
}

}  // namespace ingot::rt::portable
