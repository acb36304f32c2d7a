// f32 max/avg/global-avg pooling, reduce_mean over trailing axes, softmax, layer norm, sigmoid, silu, erf, pow(x, 2), transpose and slice with AVX-512 F. Built with -mavx512f.
#include "kernels/simd/layer_norm_f32.h"
#include "kernels/simd/pool_f32.h"
#include "kernels/simd/slice_f32.h"
#include "kernels/simd/softmax_f32.h"
#include "kernels/simd/transpose_f32.h"
#include "kernels/simd/unary_f32.h"
#include "kernels/x86/vec_avx512.h"

namespace ingot::rt::x86 {

using namespace simd;

Error kernel_max_pool_window_f32_avx512(KernelContext& ctx) { return pool_f32<Avx512, true>(ctx); }
Error kernel_avg_pool_window_f32_avx512(KernelContext& ctx) { return pool_f32<Avx512, false>(ctx); }
Error kernel_global_avg_pool_vec_f32_avx512(KernelContext& ctx) { return global_avg_pool_f32<Avx512>(ctx); }
Error kernel_reduce_mean_rows_f32_avx512(KernelContext& ctx) { return reduce_mean_rows_f32<Avx512>(ctx); }
Error kernel_layer_norm_row_f32_avx512(KernelContext& ctx) { return layer_norm_f32<Avx512>(ctx); }
Error kernel_softmax_row_f32_avx512(KernelContext& ctx) { return softmax_f32<Avx512>(ctx); }
Error kernel_erf_vec_f32_avx512(KernelContext& ctx) { return erf_f32<Avx512>(ctx); }
Error kernel_pow_square_f32_avx512(KernelContext& ctx) { return pow_square_f32<Avx512>(ctx); }
Error kernel_transpose_runs_f32_avx512(KernelContext& ctx) { return transpose_f32(ctx); }
Error kernel_slice_runs_f32_avx512(KernelContext& ctx) { return slice_f32(ctx); }
Error kernel_sigmoid_vec_f32_avx512(KernelContext& ctx) { return sigmoid_f32<Avx512>(ctx); }
Error kernel_silu_vec_f32_avx512(KernelContext& ctx) { return silu_f32<Avx512>(ctx); }

}  // namespace ingot::rt::x86
