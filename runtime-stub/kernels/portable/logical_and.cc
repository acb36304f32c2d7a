// logical_and: a && b on bools with numpy broadcasting (ONNX And).
#include "kernels/portable/binary_kernel.h"

namespace ingot::rt::portable {

Error kernel_logical_and(KernelContext& ctx) {
  return binary_logical(ctx, [](bool a, bool b) { return a && b; });
}

}  // namespace ingot::rt::portable
