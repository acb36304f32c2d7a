// gemm.tiled.f32.avx512 (variants.def): kernels/simd/linalg_f32.h on AVX-512 F.
#include "kernels/simd/linalg_f32.h"
#include "kernels/x86/vec_avx512.h"

namespace ingot::rt::x86 {
Error kernel_gemm_tiled_f32_avx512(KernelContext& ctx) { return simd::gemm_op_f32(ctx, simd::gemm_f32<Avx512>); }
}  // namespace ingot::rt::x86
