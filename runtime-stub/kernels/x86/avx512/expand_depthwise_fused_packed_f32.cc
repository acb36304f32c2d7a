// expand_depthwise.fused_packed.f32.avx512 (variants.def): kernels/simd/expand_depthwise_f32.h on AVX-512 F.
#include "kernels/simd/expand_depthwise_f32.h"
#include "kernels/x86/vec_avx512.h"

namespace ingot::rt::x86 {
Error kernel_expand_depthwise_fused_packed_f32_avx512(KernelContext& ctx) { return simd::expand_depthwise_f32<Avx512>(ctx); }
}  // namespace ingot::rt::x86
