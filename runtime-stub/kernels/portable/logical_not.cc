// logical_not: !x on bools (ONNX Not).
#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_logical_not(KernelContext& ctx) {
  const Tensor* x = nullptr;
  if (Error error = unary_operand(ctx, &x); error != Error::ok) return error;
  const Tensor& y = ctx.output(0);
  if (x->dtype != DType::boolean || y.dtype != DType::boolean) return ctx.fail("operand and result must be bool");
  unary_map<Bool, bool>(*x, y, [](bool v) { return !v; });
  return Error::ok;
}

}  // namespace ingot::rt::portable
