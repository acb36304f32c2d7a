// mul: a * b with numpy broadcasting (ONNX Mul).
#include "kernels/portable/binary_kernel.h"

namespace ingot::rt::portable {

Error kernel_mul(KernelContext& ctx) {
  return binary_arithmetic(ctx, [](auto a, auto b) { return wrap(a) * wrap(b); });
}

}  // namespace ingot::rt::portable
