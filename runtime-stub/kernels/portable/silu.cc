// silu (swish): x * sigmoid(x) = x / (1 + e^-x), elementwise on floats
// (aten.silu; efficientnet's x * Sigmoid(x), fused by the fuse pass).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_silu(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return x / (1.0 + std::exp(-x)); });
}

}  // namespace ingot::rt::portable
