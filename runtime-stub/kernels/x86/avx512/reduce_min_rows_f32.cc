// reduce_min.rows.f32.avx512 (variants.def): kernels/simd/pool_f32.h on AVX-512 F.
#include "kernels/simd/pool_f32.h"
#include "kernels/x86/vec_avx512.h"

namespace ingot::rt::x86 {
Error kernel_reduce_min_rows_f32_avx512(KernelContext& ctx) { return simd::reduce_extreme_rows_f32<Avx512, false>(ctx); }
}  // namespace ingot::rt::x86
