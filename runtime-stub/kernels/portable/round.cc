// round: round to the nearest integer, halves to even, elementwise on floats
// (ONNX Round).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {
namespace {

// Spelled out rather than std::nearbyint, which depends on the current
// rounding mode. NaN and infinities pass through (their comparisons fail).
double round_half_to_even(double x) {
  double down = std::floor(x);
  const double fraction = x - down;
  if (fraction > 0.5 || (fraction == 0.5 && std::fmod(down, 2.0) != 0)) down += 1;
  return std::copysign(down, x);  // -0.4 rounds to -0, like numpy
}

}  // namespace

Error kernel_round(KernelContext& ctx) { return unary_float(ctx, round_half_to_even); }

}  // namespace ingot::rt::portable
