// elu: x < 0 ? alpha * (e^x - 1) : x, on floats (ONNX Elu).
#include <algorithm>
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

// Attributes fall back to the ONNX defaults (the importer writes them all).
Error kernel_elu(KernelContext& ctx) {
  const double alpha = ctx.attr_float("alpha", 1.0);
  return unary_float(ctx, [&](double x) { return x < 0 ? alpha * (std::exp(x) - 1) : x; });
}

}  // namespace ingot::rt::portable
