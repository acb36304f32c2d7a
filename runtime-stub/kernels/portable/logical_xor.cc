// logical_xor: a != b on bools with numpy broadcasting (ONNX Xor).
#include "kernels/portable/binary_kernel.h"

namespace ingot::rt::portable {

Error kernel_logical_xor(KernelContext& ctx) {
  return binary_logical(ctx, [](bool a, bool b) { return a != b; });
}

}  // namespace ingot::rt::portable
