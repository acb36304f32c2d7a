// Helpers shared by quantize and dequantize: the per-tensor or per-axis
// scale and zero point, and element loads and stores by run-time dtype.
#pragma once

#include <cstdint>
#include <type_traits>

#include "kernels/portable/util.h"

namespace ingot::rt::portable {

// Element i of any tensor as a double (Half and BFloat16 through float).
inline double real_at(const Tensor& t, int64_t i) {
  double value = 0;
  visit_dtype(t.dtype, [&](auto zero) {
    value = static_cast<double>(static_cast<const decltype(zero)*>(t.data)[i]);
    return Error::ok;
  });
  return value;
}

// Where each element of x finds its scale and zero point: one pair for the
// whole tensor, or one per position along `axis`.
struct QuantParams {
  const Tensor* scale = nullptr;
  const Tensor* zero_point = nullptr;  // null: zero
  int64_t channels = 1;                // 1: per tensor
  int64_t inner = 1;                   // elements per channel step

  int64_t channel(int64_t i) const { return channels == 1 ? 0 : (i / inner) % channels; }
  double scale_at(int64_t i) const { return real_at(*scale, channel(i)); }
  double zero_point_at(int64_t i) const { return zero_point ? real_at(*zero_point, channel(i)) : 0.0; }
};

// Checks the scale (a float tensor) and the optional zero point against x
// and the `axis` attribute; fills `params`.
inline Error quant_params(KernelContext& ctx, const Tensor& x, QuantParams* params) {
  const Tensor* scale = ctx.input(1);
  const Tensor* zero_point = ctx.input(2);
  if (scale == nullptr) return ctx.fail("a scale operand is needed");
  if (scale->dtype != DType::f32 && scale->dtype != DType::f64 && scale->dtype != DType::f16 &&
      scale->dtype != DType::bf16) {
    return ctx.fail("the scale must be a float tensor, not %s", dtype_name(scale->dtype));
  }
  if (scale->rank > 1) return ctx.fail("the scale must be a scalar or 1-d");
  if (zero_point != nullptr && zero_point->numel != scale->numel) return ctx.fail("the zero point does not match the scale");
  params->scale = scale;
  params->zero_point = zero_point;
  if (scale->numel == 1) return Error::ok;
  const int64_t axis = ctx.attr_int("axis", 0);
  if (axis < 0 || axis >= x.rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, x.rank);
  if (scale->numel != x.dims[axis]) {
    return ctx.fail("the scale has %lld entries but axis %lld has %lld", (long long)scale->numel, (long long)axis,
                    (long long)x.dims[axis]);
  }
  params->channels = scale->numel;
  for (int32_t d = static_cast<int32_t>(axis) + 1; d < x.rank; ++d) params->inner *= x.dims[d];
  return Error::ok;
}

// The operands of the per-tensor vector variants of quantize and dequantize
// (x86/quantize_avx2.h, arm/quantize_neon.h), which all check them alike:
// one f32 scale and at most one zero point (of the quantized dtype; absent:
// 0) for the tensor, x and y of the same size.
inline Error read_tensor_quantization(const KernelContext& ctx, DType quantized, float* scale, int32_t* zero_point) {
  const Tensor* s = ctx.input(1);
  const Tensor* z = ctx.input(2);
  if (s == nullptr || s->dtype != DType::f32 || s->numel != 1) return ctx.fail("this variant takes one f32 scale");
  if (z != nullptr && (z->numel != 1 || z->dtype != quantized)) return ctx.fail("this variant takes one zero point of the quantized dtype");
  *scale = s->as<float>()[0];
  *zero_point = z == nullptr ? 0 : quantized == DType::u8 ? int32_t{z->as<uint8_t>()[0]} : int32_t{z->as<int8_t>()[0]};
  return Error::ok;
}

// quantize f32 -> y_dtype (u8 or i8).
inline Error read_quantize_vec(const KernelContext& ctx, DType y_dtype, float* scale, int32_t* zero_point) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr || x->dtype != DType::f32 || y.dtype != y_dtype || x->numel != y.numel) {
    return ctx.fail("this variant quantizes f32 to %s of the same size", dtype_name(y_dtype));
  }
  return read_tensor_quantization(ctx, y_dtype, scale, zero_point);
}

// dequantize u8 or i8 -> f32.
inline Error read_dequantize_vec(const KernelContext& ctx, float* scale, int32_t* zero_point) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr || (x->dtype != DType::u8 && x->dtype != DType::i8) || y.dtype != DType::f32 || x->numel != y.numel) {
    return ctx.fail("this variant dequantizes u8 or i8 to f32 of the same size");
  }
  return read_tensor_quantization(ctx, x->dtype, scale, zero_point);
}

}  // namespace ingot::rt::portable
