// The operands and attributes of qadd (qadd.cc has its semantics) as every
// qadd kernel reads and checks them: the reference kernel and the optimized
// variants (kernels/x86/qadd_vec_avx2.h) accept exactly the same nodes.
#pragma once

#include <algorithm>
#include <cstdint>

#include "kernels/portable/requantize.h"

namespace ingot::rt::portable {

// Each operand, centred, is shifted left by this many bits before its rescale.
inline constexpr int kQaddLeftShift = 20;

struct QaddOperands {
  const Tensor *a = nullptr, *b = nullptr, *y = nullptr;
  int32_t a_zero_point = 0, b_zero_point = 0;
  int32_t a_multiplier = 0, a_shift = 0, b_multiplier = 0, b_shift = 0;
  Requantization requant;
};

// The single-entry attribute lists multiplier and shift of one operand.
inline Error read_qadd_rescale(const KernelContext& ctx, const char* multiplier, const char* shift, int32_t* m, int32_t* s) {
  const List<int64_t> ms = ctx.attr_ints(multiplier), ss = ctx.attr_ints(shift);
  if (ms.size != 1 || ss.size != 1) return ctx.fail("%s and %s must have one entry each", multiplier, shift);
  if (ms[0] < 0 || ms[0] > INT32_MAX || ss[0] < -31 || ss[0] > 0) return ctx.fail("%s or %s is out of range", multiplier, shift);
  *m = static_cast<int32_t>(ms[0]);
  *s = static_cast<int32_t>(ss[0]);
  return Error::ok;
}

inline Error read_qadd_operands(const KernelContext& ctx, QaddOperands* ops) {
  ops->a = ctx.input(0);
  ops->b = ctx.input(1);
  ops->y = &ctx.output(0);
  if (ops->a == nullptr || ops->b == nullptr) return ctx.fail("qadd needs operands a and b");
  if (Error e = read_zero_point(ctx, *ops->a, "a_zero_point", &ops->a_zero_point); e != Error::ok) return e;
  if (Error e = read_zero_point(ctx, *ops->b, "b_zero_point", &ops->b_zero_point); e != Error::ok) return e;
  if (Error e = read_qadd_rescale(ctx, "a_multiplier", "a_shift", &ops->a_multiplier, &ops->a_shift); e != Error::ok) return e;
  if (Error e = read_qadd_rescale(ctx, "b_multiplier", "b_shift", &ops->b_multiplier, &ops->b_shift); e != Error::ok) return e;
  if (ops->y->dtype == DType::i32) return ctx.fail("the output must be u8 or i8");
  return read_requantization(ctx, *ops->y, 1, &ops->requant);
}

// The operands of the vector variants (x86/qadd_vec_avx2.h,
// arm/qadd_vec_neon.h): as above, with a and b of the output's shape (a
// residual add) and an output of y_dtype.
inline Error read_qadd_vec(const KernelContext& ctx, DType y_dtype, QaddOperands* ops) {
  if (Error e = read_qadd_operands(ctx, ops); e != Error::ok) return e;
  const Tensor &a = *ops->a, &b = *ops->b, &y = *ops->y;
  if (y.dtype != y_dtype) return ctx.fail("this variant writes %s, not %s", dtype_name(y_dtype), dtype_name(y.dtype));
  auto same_shape = [&](const Tensor& t) { return t.rank == y.rank && std::equal(t.dims, t.dims + t.rank, y.dims); };
  if (!same_shape(a) || !same_shape(b)) return ctx.fail("this variant adds operands of the output's shape only");
  return Error::ok;
}

}  // namespace ingot::rt::portable
