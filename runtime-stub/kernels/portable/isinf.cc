// isinf: whether x is +inf (when detect_positive) or -inf (when
// detect_negative), a bool result (ONNX IsInf). Non-float dtypes are never
// infinite.
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_isinf(KernelContext& ctx) {
  const bool positive = ctx.attr_int("detect_positive", 1) != 0;
  const bool negative = ctx.attr_int("detect_negative", 1) != 0;
  return unary_predicate(ctx, [&](auto x) {
    if constexpr (is_floating<decltype(x)>()) {
      return std::isinf(x) && (x > 0 ? positive : negative);
    } else {
      return false;
    }
  });
}

}  // namespace ingot::rt::portable
