// celu: max(0, x) + min(0, alpha * (e^(x/alpha) - 1)), on floats (ONNX Celu).
#include <algorithm>
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

// Attributes fall back to the ONNX defaults (the importer writes them all).
Error kernel_celu(KernelContext& ctx) {
  const double alpha = ctx.attr_float("alpha", 1.0);
  if (alpha == 0) return ctx.fail("alpha must not be 0");
  return unary_float(ctx, [&](double x) { return std::max(0.0, x) + std::min(0.0, alpha * (std::exp(x / alpha) - 1)); });
}

}  // namespace ingot::rt::portable
