// isnan: whether x is NaN, a bool result (ONNX IsNaN). Non-float dtypes are
// never NaN.
#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_isnan(KernelContext& ctx) {
  return unary_predicate(ctx, [](auto x) { return is_nan(x); });
}

}  // namespace ingot::rt::portable
