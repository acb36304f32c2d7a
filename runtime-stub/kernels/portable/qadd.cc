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
#include "kernels/portable/qadd_operands.h"

namespace ingot::rt::portable {

Error kernel_qadd(KernelContext& ctx) {
  QaddOperands ops;
  if (Error e = read_qadd_operands(ctx, &ops); e != Error::ok) return e;
  const Tensor &a = *ops.a, &b = *ops.b, &y = *ops.y;
  const Tensor* operands[] = {&a, &b};
  BroadcastWalk<2> walk;
  if (!walk.init(y, operands)) return ctx.fail("a and b do not broadcast to the output's shape");
  for (int64_t i = 0; i < y.numel; ++i, walk.next()) {
    const int32_t av = (load_8bit(a, walk.offset(0)) - ops.a_zero_point) * (1 << kQaddLeftShift);
    const int32_t bv = (load_8bit(b, walk.offset(1)) - ops.b_zero_point) * (1 << kQaddLeftShift);
    const int32_t sum = multiply_by_quantized_multiplier(av, ops.a_multiplier, ops.a_shift) +
                        multiply_by_quantized_multiplier(bv, ops.b_multiplier, ops.b_shift);
    store_result(y, i, ops.requant.apply(sum, 0));
  }
  return Error::ok;
}

}  // namespace ingot::rt::portable
