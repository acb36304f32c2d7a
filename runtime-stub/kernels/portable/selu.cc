// selu: gamma * (x <= 0 ? alpha * (e^x - 1) : x), on floats (ONNX Selu).
#include <algorithm>
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

// Attributes fall back to the ONNX defaults (the importer writes them all).
Error kernel_selu(KernelContext& ctx) {
  const double alpha = ctx.attr_float("alpha", 1.67326319217681884765625);
  const double gamma = ctx.attr_float("gamma", 1.05070102214813232421875);
  return unary_float(ctx, [&](double x) { return gamma * (x <= 0 ? alpha * (std::exp(x) - 1) : x); });
}

}  // namespace ingot::rt::portable
