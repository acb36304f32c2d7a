// expand_depthwise.fused_packed.f32.avx2 (variants.def): kernels/simd/expand_depthwise_f32.h on AVX2 + FMA.
#include "kernels/simd/expand_depthwise_f32.h"
#include "kernels/x86/vec_avx2.h"

namespace ingot::rt::x86 {
Error kernel_expand_depthwise_fused_packed_f32_avx2(KernelContext& ctx) { return simd::expand_depthwise_f32<Avx2>(ctx); }
}  // namespace ingot::rt::x86
