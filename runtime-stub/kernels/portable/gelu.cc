// gelu: x * Phi(x), Phi the standard normal CDF, on floats (ONNX Gelu).
// approximate=none uses erf; approximate=tanh the tanh approximation.
#include <cmath>
#include <cstring>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {
namespace {

constexpr double kPi = 3.14159265358979323846;

// 0.5 * x * (1 + erf(x / sqrt(2)))
double gelu_erf(double x) { return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0))); }

// 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))
double gelu_tanh(double x) { return 0.5 * x * (1 + std::tanh(std::sqrt(2 / kPi) * (x + 0.044715 * x * x * x))); }

}  // namespace

Error kernel_gelu(KernelContext& ctx) {
  const char* approximate = ctx.attr_string("approximate");
  if (std::strcmp(approximate, "tanh") == 0) return unary_float(ctx, gelu_tanh);
  if (approximate[0] == '\0' || std::strcmp(approximate, "none") == 0) return unary_float(ctx, gelu_erf);
  return ctx.fail("unknown approximate '%s' (none or tanh)", approximate);
}

}  // namespace ingot::rt::portable
