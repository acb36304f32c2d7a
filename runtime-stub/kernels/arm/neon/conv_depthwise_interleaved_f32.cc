// conv.depthwise_interleaved.f32.neon (variants.def): kernels/simd/depthwise_interleaved_f32.h on NEON.
#include "kernels/simd/depthwise_interleaved_f32.h"
#include "kernels/arm/vec_neon.h"

namespace ingot::rt::arm {
Error kernel_conv_depthwise_interleaved_f32_neon(KernelContext& ctx) { return simd::depthwise_interleaved_conv_f32<Neon>(ctx); }
}  // namespace ingot::rt::arm
