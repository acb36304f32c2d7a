// conv.im2col_packed.f32.avx512 (variants.def): kernels/simd/conv_im2col_f32.h on AVX-512 F.
#include "kernels/simd/conv_im2col_f32.h"
#include "kernels/x86/vec_avx512.h"

namespace ingot::rt::x86 {
Error kernel_conv_im2col_packed_f32_avx512(KernelContext& ctx) { return simd::conv_im2col_f32<Avx512>(ctx, true); }
}  // namespace ingot::rt::x86
