// matmul.tiled.f32.avx2 (variants.def): kernels/simd/linalg_f32.h on AVX2 + FMA.
#include "kernels/simd/linalg_f32.h"
#include "kernels/x86/vec_avx2.h"

namespace ingot::rt::x86 {
Error kernel_matmul_tiled_f32_avx2(KernelContext& ctx) { return simd::matmul_f32(ctx, simd::gemm_f32<Avx2>); }
}  // namespace ingot::rt::x86
