// conv.direct.f32.neon (variants.def): kernels/simd/conv_direct_f32.h on NEON.
#include "kernels/arm/vec_neon.h"
#include "kernels/simd/conv_direct_f32.h"

namespace ingot::rt::arm {
Error kernel_conv_direct_f32_neon(KernelContext& ctx) { return simd::conv_direct_f32<Neon>(ctx); }
}  // namespace ingot::rt::arm
