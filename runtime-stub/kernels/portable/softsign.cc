// softsign: x / (1 + |x|), on floats (ONNX Softsign).
#include <algorithm>
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

// Attributes fall back to the ONNX defaults (the importer writes them all).
Error kernel_softsign(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return x / (1 + std::fabs(x)); });
}

}  // namespace ingot::rt::portable
