// cast: every element converted to the result's dtype (ONNX Cast,
// CastLike). The result tensor's dtype is the `to` attribute's. See
// convert() in elementwise.h for the rules.
#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_cast(KernelContext& ctx) {
  const Tensor* x = nullptr;
  if (Error error = unary_operand(ctx, &x); error != Error::ok) return error;
  const Tensor& y = ctx.output(0);
  return visit_dtype(x->dtype, [&](auto from_tag) -> Error {
    using From = decltype(from_tag);
    return visit_dtype(y.dtype, [&](auto to_tag) -> Error {
      using To = decltype(to_tag);
      unary_map<From, To>(*x, y, [](From v) { return convert<To>(v); });
      return Error::ok;
    });
  });
}

}  // namespace ingot::rt::portable
