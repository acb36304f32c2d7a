// where: condition ? x : y, the three operands broadcast together (ONNX
// Where). Elements are copied as bytes, so every dtype works alike.
#include <cstring>

#include "kernels/portable/binary_broadcast.h"

namespace ingot::rt::portable {

Error kernel_where(KernelContext& ctx) {
  const Tensor* condition = ctx.input(0);
  const Tensor* x = ctx.input(1);
  const Tensor* y = ctx.input(2);
  if (condition == nullptr || x == nullptr || y == nullptr || ctx.num_outputs() != 1) {
    return ctx.fail("expects operands condition, x and y");
  }
  const Tensor& out = ctx.output(0);
  if (condition->dtype != DType::boolean) return ctx.fail("the condition must be bool");
  if (x->dtype != out.dtype || y->dtype != out.dtype) return ctx.fail("x and y must have the result's dtype");
  const Tensor* operands[] = {condition, x, y};
  BroadcastWalk<3> walk;
  if (!walk.init(out, operands)) return ctx.fail("operand shapes do not broadcast to the result's (or rank above %d)", kMaxRank);

  const size_t size = dtype_size(out.dtype);
  const Bool* take_x = condition->as<Bool>();
  const auto* x_bytes = x->as<uint8_t>();
  const auto* y_bytes = y->as<uint8_t>();
  auto* out_bytes = out.as<uint8_t>();
  for (int64_t i = 0; i < out.numel; ++i, walk.next()) {
    const uint8_t* from = take_x[walk.offset(0)] ? x_bytes + walk.offset(1) * size : y_bytes + walk.offset(2) * size;
    std::memmove(out_bytes + i * size, from, size);
  }
  return Error::ok;
}

}  // namespace ingot::rt::portable
