// logical_or: a || b on bools with numpy broadcasting (ONNX Or).
#include "kernels/portable/binary_kernel.h"

namespace ingot::rt::portable {

Error kernel_logical_or(KernelContext& ctx) {
  return binary_logical(ctx, [](bool a, bool b) { return a || b; });
}

}  // namespace ingot::rt::portable
