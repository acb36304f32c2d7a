// qadd: the sum of two u8/i8 tensors with their own scales and zero points
// (a residual add, a QDQ Add), numpy broadcast.
//
// As TFLite does it: each operand, centred and shifted left by 20 bits to
// keep precision, is rescaled to a common scale (twice the larger operand
// scale) by its own fixed-point multiplier below 1; the sum is requantized to
// y's scale, offset by y_zero_point and clamped to [y_min, y_max]:
//
//   y = clamp(requantize(rescale_a + rescale_b, multiplier, shift) + y_zero_point, y_min, y_max)
//   rescale_a = requantize((a - a_zero_point) * 2^20, a_multiplier, a_shift)
//
// |a - a_zero_point| <= 255, so the shifted operands and their sum stay far
// inside i32.
#include "kernels/portable/binary_broadcast.h"
#include "kernels/portable/requantize.h"

namespace ingot::rt::portable {
namespace {

constexpr int kLeftShift = 20;

// The single-entry attribute lists multiplier and shift of one operand.
Error read_rescale(const KernelContext& ctx, const char* multiplier, const char* shift, int32_t* m, int32_t* s) {
  const List<int64_t> ms = ctx.attr_ints(multiplier), ss = ctx.attr_ints(shift);
  if (ms.size != 1 || ss.size != 1) return ctx.fail("%s and %s must have one entry each", multiplier, shift);
  if (ms[0] < 0 || ms[0] > INT32_MAX || ss[0] < -31 || ss[0] > 0) return ctx.fail("%s or %s is out of range", multiplier, shift);
  *m = static_cast<int32_t>(ms[0]);
  *s = static_cast<int32_t>(ss[0]);
  return Error::ok;
}

}  // namespace

Error kernel_qadd(KernelContext& ctx) {
  const Tensor* a = ctx.input(0);
  const Tensor* b = ctx.input(1);
  const Tensor& y = ctx.output(0);
  if (a == nullptr || b == nullptr) return ctx.fail("qadd needs operands a and b");
  int32_t a_zero_point = 0, b_zero_point = 0, a_multiplier = 0, a_shift = 0, b_multiplier = 0, b_shift = 0;
  if (Error e = read_zero_point(ctx, *a, "a_zero_point", &a_zero_point); e != Error::ok) return e;
  if (Error e = read_zero_point(ctx, *b, "b_zero_point", &b_zero_point); e != Error::ok) return e;
  if (Error e = read_rescale(ctx, "a_multiplier", "a_shift", &a_multiplier, &a_shift); e != Error::ok) return e;
  if (Error e = read_rescale(ctx, "b_multiplier", "b_shift", &b_multiplier, &b_shift); e != Error::ok) return e;
  if (y.dtype == DType::i32) return ctx.fail("the output must be u8 or i8");
  Requantization requant;
  if (Error e = read_requantization(ctx, y, 1, &requant); e != Error::ok) return e;
  const Tensor* operands[] = {a, b};
  BroadcastWalk<2> walk;
  if (!walk.init(y, operands)) return ctx.fail("a and b do not broadcast to the output's shape");
  for (int64_t i = 0; i < y.numel; ++i, walk.next()) {
    const int32_t av = (load_8bit(*a, walk.offset(0)) - a_zero_point) * (1 << kLeftShift);
    const int32_t bv = (load_8bit(*b, walk.offset(1)) - b_zero_point) * (1 << kLeftShift);
    const int32_t sum = multiply_by_quantized_multiplier(av, a_multiplier, a_shift) +
                        multiply_by_quantized_multiplier(bv, b_multiplier, b_shift);
    store_result(y, i, requant.apply(sum, 0));
  }
  return Error::ok;
}

}  // namespace ingot::rt::portable
