// expand_depthwise.fused_packed.f32.neon (variants.def): kernels/simd/expand_depthwise_f32.h on NEON.
#include "kernels/simd/expand_depthwise_f32.h"
#include "kernels/arm/vec_neon.h"

namespace ingot::rt::arm {
Error kernel_expand_depthwise_fused_packed_f32_neon(KernelContext& ctx) { return simd::expand_depthwise_f32<Neon>(ctx); }
}  // namespace ingot::rt::arm
