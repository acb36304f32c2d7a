// dequantize.vec.f32.neon (variants.def): kernels/arm/quantize_neon.h, u8 or i8 to f32.
#include "kernels/arm/quantize_neon.h"

namespace ingot::rt::arm {
Error kernel_dequantize_vec_f32_neon(KernelContext& ctx) { return dequantize_vec_neon(ctx); }
}  // namespace ingot::rt::arm
