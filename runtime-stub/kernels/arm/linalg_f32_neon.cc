// f32 matmul, gemm and pointwise, depthwise and general conv with NEON
// (8 x 8 GEMM tile). AArch64 only.
#include "kernels/arm/vec_neon.h"
#include "kernels/simd/conv_gemm_f32.h"
#include "kernels/simd/conv_im2col_f32.h"
#include "kernels/simd/depthwise_f32.h"
#include "kernels/simd/linalg_f32.h"

namespace ingot::rt::arm {

using namespace simd;

// The compiler packs weights for this ISA with packed_rows and packed_cols (pack_f32.h).
static_assert(Neon::kRows == packed_rows("neon") && 2 * Neon::kLanes == packed_cols("neon"));

Error kernel_matmul_tiled_f32_neon(KernelContext& ctx) { return matmul_f32(ctx, gemm_f32<Neon>); }
Error kernel_gemm_tiled_f32_neon(KernelContext& ctx) { return gemm_op_f32(ctx, gemm_f32<Neon>); }
Error kernel_matmul_tiled_packed_f32_neon(KernelContext& ctx) {
  return matmul_f32(ctx, gemm_f32<Neon>, 2 * Neon::kLanes);
}
Error kernel_gemm_tiled_packed_f32_neon(KernelContext& ctx) {
  return gemm_op_f32(ctx, gemm_f32<Neon>, 2 * Neon::kLanes);
}
Error kernel_conv_pointwise_f32_neon(KernelContext& ctx) { return pointwise_conv_f32(ctx, gemm_f32<Neon>); }
Error kernel_conv_pointwise_packed_f32_neon(KernelContext& ctx) {
  return pointwise_conv_f32(ctx, gemm_f32<Neon>, Neon::kRows);
}
Error kernel_conv_depthwise_f32_neon(KernelContext& ctx) { return depthwise_conv_f32<Neon>(ctx); }
Error kernel_conv_shifted_f32_neon(KernelContext& ctx) { return conv_gemm_f32<Neon>(ctx); }
Error kernel_conv_im2col_f32_neon(KernelContext& ctx) { return conv_im2col_f32<Neon>(ctx); }
Error kernel_conv_im2col_packed_f32_neon(KernelContext& ctx) { return conv_im2col_f32<Neon>(ctx, true); }

}  // namespace ingot::rt::arm
