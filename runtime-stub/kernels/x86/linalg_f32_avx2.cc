// f32 matmul, gemm and pointwise, depthwise, shifted and im2col conv with AVX2 + FMA. Built with -mavx2 -mfma.
#include "kernels/simd/conv_gemm_f32.h"
#include "kernels/simd/conv_im2col_f32.h"
#include "kernels/simd/depthwise_f32.h"
#include "kernels/simd/linalg_f32.h"
#include "kernels/x86/vec_avx2.h"

namespace ingot::rt::x86 {

using namespace simd;

// The compiler packs weights for this ISA with packed_rows and packed_cols (pack_f32.h).
static_assert(Avx2::kRows == packed_rows("avx2") && 2 * Avx2::kLanes == packed_cols("avx2"));

Error kernel_matmul_tiled_f32_avx2(KernelContext& ctx) { return matmul_f32(ctx, gemm_f32<Avx2>); }
Error kernel_gemm_tiled_f32_avx2(KernelContext& ctx) { return gemm_op_f32(ctx, gemm_f32<Avx2>); }
Error kernel_matmul_tiled_packed_f32_avx2(KernelContext& ctx) {
  return matmul_f32(ctx, gemm_f32<Avx2>, 2 * Avx2::kLanes);
}
Error kernel_gemm_tiled_packed_f32_avx2(KernelContext& ctx) {
  return gemm_op_f32(ctx, gemm_f32<Avx2>, 2 * Avx2::kLanes);
}
Error kernel_conv_pointwise_f32_avx2(KernelContext& ctx) { return pointwise_conv_f32(ctx, gemm_f32<Avx2>); }
Error kernel_conv_pointwise_packed_f32_avx2(KernelContext& ctx) {
  return pointwise_conv_f32(ctx, gemm_f32<Avx2>, Avx2::kRows);
}
Error kernel_conv_depthwise_f32_avx2(KernelContext& ctx) { return depthwise_conv_f32<Avx2>(ctx); }
Error kernel_conv_shifted_f32_avx2(KernelContext& ctx) { return conv_gemm_f32<Avx2>(ctx); }
Error kernel_conv_im2col_f32_avx2(KernelContext& ctx) { return conv_im2col_f32<Avx2>(ctx); }
Error kernel_conv_im2col_packed_f32_avx2(KernelContext& ctx) { return conv_im2col_f32<Avx2>(ctx, true); }

}  // namespace ingot::rt::x86
