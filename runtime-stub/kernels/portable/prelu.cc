// prelu: x < 0 ? slope * x : x, the slope broadcast to x's shape (ONNX
// PRelu). Any number; integer products wrap.
#include <type_traits>

#include "kernels/portable/binary_kernel.h"

namespace ingot::rt::portable {

Error kernel_prelu(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  if (x != nullptr && ctx.num_outputs() == 1 && !shapes_match(*x, ctx.output(0))) {
    return ctx.fail("the result must have x's shape");
  }
  return binary_arithmetic(ctx, [](auto v, auto slope) -> decltype(v) {
    using T = decltype(v);
    if constexpr (std::is_signed_v<T>) {
      if (v < 0) return static_cast<T>(wrap(slope) * wrap(v));
    }
    return v;
  });
}

}  // namespace ingot::rt::portable
