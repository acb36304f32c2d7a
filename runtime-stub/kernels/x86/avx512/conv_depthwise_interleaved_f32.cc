// conv.depthwise_interleaved.f32.avx512 (variants.def): kernels/simd/depthwise_interleaved_f32.h on AVX-512 F.
#include "kernels/simd/depthwise_interleaved_f32.h"
#include "kernels/x86/vec_avx512.h"

namespace ingot::rt::x86 {
Error kernel_conv_depthwise_interleaved_f32_avx512(KernelContext& ctx) { return simd::depthwise_interleaved_conv_f32<Avx512>(ctx); }
}  // namespace ingot::rt::x86
