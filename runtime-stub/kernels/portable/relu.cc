// relu: max(x, 0) on any number (ONNX Relu); NaN stays NaN.
#include <type_traits>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_relu(KernelContext& ctx) {
  return unary_numeric(ctx, [](auto x) -> decltype(x) {
    if constexpr (std::is_signed_v<decltype(x)>) {
      if (x < 0) return 0;
    }
    return x;
  });
}

}  // namespace ingot::rt::portable
