// layer_norm.row.f32.avx512 (variants.def): kernels/simd/layer_norm_f32.h on AVX-512 F.
#include "kernels/simd/layer_norm_f32.h"
#include "kernels/x86/vec_avx512.h"

namespace ingot::rt::x86 {
Error kernel_layer_norm_row_f32_avx512(KernelContext& ctx) { return simd::layer_norm_f32<Avx512>(ctx); }
}  // namespace ingot::rt::x86
