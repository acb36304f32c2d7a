// sigmoid: 1 / (1 + e^-x), elementwise on floats (ONNX Sigmoid).
#include <cmath>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {

Error kernel_sigmoid(KernelContext& ctx) {
  return unary_float(ctx, [](double x) { return 1.0 / (1.0 + std::exp(-x)); });
}

}  // namespace ingot::rt::portable
