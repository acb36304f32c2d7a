// leaky_relu: x < 0 ? alpha * x : x, on floats (ONNX LeakyRelu).
#include <algorithm>
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

// Attributes fall back to the ONNX defaults (the importer writes them all).
Error kernel_leaky_relu(KernelContext& ctx) {
  const double alpha = ctx.attr_float("alpha", 0.01);
  return unary_float(ctx, [&](double x) { return x < 0 ? alpha * x : x; });
}

}  // namespace ingot::rt::portable
