// equal: a == b with numpy broadcasting, a bool result (ONNX Equal).
#include "kernels/portable/binary_kernel.h"

namespace ingot::rt::portable {

Error kernel_equal(KernelContext& ctx) {
  return binary_compare(ctx, [](auto a, auto b) { return a == b; });
}

}  // namespace ingot::rt::portable
