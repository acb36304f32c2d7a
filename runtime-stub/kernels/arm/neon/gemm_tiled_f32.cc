// gemm.tiled.f32.neon (variants.def): kernels/simd/linalg_f32.h on NEON.
#include "kernels/simd/linalg_f32.h"
#include "kernels/arm/vec_neon.h"

namespace ingot::rt::arm {
Error kernel_gemm_tiled_f32_neon(KernelContext& ctx) { return simd::gemm_op_f32(ctx, simd::gemm_f32<Neon>); }
}  // namespace ingot::rt::arm
