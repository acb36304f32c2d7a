// reduce_max.rows.f32.avx2 (variants.def): kernels/simd/pool_f32.h on AVX2 + FMA.
#include "kernels/simd/pool_f32.h"
#include "kernels/x86/vec_avx2.h"

namespace ingot::rt::x86 {
Error kernel_reduce_max_rows_f32_avx2(KernelContext& ctx) { return simd::reduce_extreme_rows_f32<Avx2, true>(ctx); }
}  // namespace ingot::rt::x86
