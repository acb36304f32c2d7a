// quantize.vec.u8.neon (variants.def): kernels/arm/quantize_neon.h, u8 output.
#include "kernels/arm/quantize_neon.h"

namespace ingot::rt::arm {
Error kernel_quantize_vec_u8_neon(KernelContext& ctx) { return quantize_vec_neon<uint8_t>(ctx); }
}  // namespace ingot::rt::arm
