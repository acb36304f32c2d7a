// hard_sigmoid: max(0, min(1, alpha * x + beta)), on floats (ONNX HardSigmoid).
#include <algorithm>
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

// Attributes fall back to the ONNX defaults (the importer writes them all).
Error kernel_hard_sigmoid(KernelContext& ctx) {
  const double alpha = ctx.attr_float("alpha", 0.2);
  const double beta = ctx.attr_float("beta", 0.5);
  return unary_float(ctx, [&](double x) { return std::max(0.0, std::min(1.0, alpha * x + beta)); });
}

}  // namespace ingot::rt::portable
