// The operands of the SIMD product and convolution kernels: two required
// inputs (a / x, b / w), an optional third (the bias, or gemm's c) and the
// result, all f32. The shape checks are each kernel's own.
#pragma once

#include "ingot/kernel.h"

namespace ingot::rt::simd {

struct F32Operands {
  const Tensor* a = nullptr;     // a, or the convolution's input x
  const Tensor* b = nullptr;     // b, or the convolution's weights w
  const Tensor* bias = nullptr;  // optional: bias or c
  const Tensor* y = nullptr;
};

inline Error f32_operands(KernelContext& ctx, F32Operands* ops) {
  ops->a = ctx.input(0);
  ops->b = ctx.input(1);
  ops->bias = ctx.input(2);
  ops->y = &ctx.output(0);
  auto f32 = [](const Tensor* t) { return t != nullptr && t->dtype == DType::f32; };
  if (!f32(ops->a) || !f32(ops->b) || !f32(ops->y) || (ops->bias != nullptr && !f32(ops->bias))) {
    return ctx.fail("expects f32 operands");
  }
  return Error::ok;
}

}  // namespace ingot::rt::simd
