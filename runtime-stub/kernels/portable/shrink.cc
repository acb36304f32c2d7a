// shrink: x < -lambd ? x + bias : x > lambd ? x - bias : 0, on floats (ONNX Shrink).
#include <algorithm>
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

// Attributes fall back to the ONNX defaults (the importer writes them all).
Error kernel_shrink(KernelContext& ctx) {
  const double lambd = ctx.attr_float("lambd", 0.5);
  const double bias = ctx.attr_float("bias", 0.0);
  return unary_float(ctx, [&](double x) {
    if (x < -lambd) return x + bias;
    if (x > lambd) return x - bias;
    return 0.0;
  });
}

}  // namespace ingot::rt::portable
