// conv.winograd.f32.neon (variants.def): kernels/simd/conv_winograd_f32.h on NEON.
#include "kernels/simd/conv_winograd_f32.h"
#include "kernels/arm/vec_neon.h"

namespace ingot::rt::arm {
Error kernel_conv_winograd_f32_neon(KernelContext& ctx) { return simd::conv_winograd_f32<Neon>(ctx); }
}  // namespace ingot::rt::arm
