// softplus: log(1 + e^x), on floats (ONNX Softplus).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {
namespace {

// log(1 + e^x) = x + log(1 + e^-x): the second form keeps e^x from
// overflowing for large x.
double softplus(double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

}  // namespace

Error kernel_softplus(KernelContext& ctx) { return unary_float(ctx, softplus); }

}  // namespace ingot::rt::portable
