// conv.depthwise.f32.neon (variants.def): kernels/simd/depthwise_f32.h on NEON.
#include "kernels/simd/depthwise_f32.h"
#include "kernels/arm/vec_neon.h"

namespace ingot::rt::arm {
Error kernel_conv_depthwise_f32_neon(KernelContext& ctx) { return simd::depthwise_conv_f32<Neon>(ctx); }
}  // namespace ingot::rt::arm
