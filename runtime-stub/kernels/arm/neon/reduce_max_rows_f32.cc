// reduce_max.rows.f32.neon (variants.def): kernels/simd/pool_f32.h on NEON.
#include "kernels/simd/pool_f32.h"
#include "kernels/arm/vec_neon.h"

namespace ingot::rt::arm {
Error kernel_reduce_max_rows_f32_neon(KernelContext& ctx) { return simd::reduce_extreme_rows_f32<Neon, true>(ctx); }
}  // namespace ingot::rt::arm
