// thresholded_relu: x > alpha ? x : 0, on floats (ONNX ThresholdedRelu).
#include <algorithm>
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

// Attributes fall back to the ONNX defaults (the importer writes them all).
Error kernel_thresholded_relu(KernelContext& ctx) {
  const double alpha = ctx.attr_float("alpha", 1.0);
  return unary_float(ctx, [&](double x) { return x > alpha ? x : 0.0; });
}

}  // namespace ingot::rt::portable
