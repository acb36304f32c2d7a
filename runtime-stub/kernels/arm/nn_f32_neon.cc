// f32 max/avg/global-avg pooling, reduce_mean over trailing axes, softmax,
// layer norm, sigmoid, silu, erf, pow(x, 2), transpose and slice with NEON: the
// same templates as the x86 files (kernels/simd/). AArch64 only.
#include "kernels/arm/vec_neon.h"
#include "kernels/simd/layer_norm_f32.h"
#include "kernels/simd/pool_f32.h"
#include "kernels/simd/slice_f32.h"
#include "kernels/simd/softmax_f32.h"
#include "kernels/simd/transpose_f32.h"
#include "kernels/simd/unary_f32.h"

namespace ingot::rt::arm {

using namespace simd;

Error kernel_max_pool_window_f32_neon(KernelContext& ctx) { return pool_f32<Neon, true>(ctx); }
Error kernel_avg_pool_window_f32_neon(KernelContext& ctx) { return pool_f32<Neon, false>(ctx); }
Error kernel_global_avg_pool_vec_f32_neon(KernelContext& ctx) { return global_avg_pool_f32<Neon>(ctx); }
Error kernel_reduce_mean_rows_f32_neon(KernelContext& ctx) { return reduce_mean_rows_f32<Neon>(ctx); }
Error kernel_layer_norm_row_f32_neon(KernelContext& ctx) { return layer_norm_f32<Neon>(ctx); }
Error kernel_softmax_row_f32_neon(KernelContext& ctx) { return softmax_f32<Neon>(ctx); }
Error kernel_erf_vec_f32_neon(KernelContext& ctx) { return erf_f32<Neon>(ctx); }
Error kernel_pow_square_f32_neon(KernelContext& ctx) { return pow_square_f32<Neon>(ctx); }
Error kernel_transpose_runs_f32_neon(KernelContext& ctx) { return transpose_f32(ctx); }
Error kernel_slice_runs_f32_neon(KernelContext& ctx) { return slice_f32(ctx); }
Error kernel_sigmoid_vec_f32_neon(KernelContext& ctx) { return sigmoid_f32<Neon>(ctx); }
Error kernel_silu_vec_f32_neon(KernelContext& ctx) { return silu_f32<Neon>(ctx); }

}  // namespace ingot::rt::arm
