// greater: a > b with numpy broadcasting, a bool result (ONNX Greater).
#include "kernels/portable/binary_kernel.h"

namespace ingot::rt::portable {

Error kernel_greater(KernelContext& ctx) {
  return binary_compare(ctx, [](auto a, auto b) { return a > b; });
}

}  // namespace ingot::rt::portable
