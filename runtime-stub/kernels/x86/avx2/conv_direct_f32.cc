// conv.direct.f32.avx2 (variants.def): kernels/simd/conv_direct_f32.h on AVX2 + FMA.
#include "kernels/simd/conv_direct_f32.h"
#include "kernels/x86/vec_avx2.h"

namespace ingot::rt::x86 {
Error kernel_conv_direct_f32_avx2(KernelContext& ctx) { return simd::conv_direct_f32<Avx2>(ctx); }
}  // namespace ingot::rt::x86
