// quantize.vec.i8.neon (variants.def): kernels/arm/quantize_neon.h, i8 output.
#include "kernels/arm/quantize_neon.h"

namespace ingot::rt::arm {
Error kernel_quantize_vec_i8_neon(KernelContext& ctx) { return quantize_vec_neon<int8_t>(ctx); }
}  // namespace ingot::rt::arm
