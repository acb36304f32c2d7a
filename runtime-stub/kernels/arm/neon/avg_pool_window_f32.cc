// avg_pool.window.f32.neon (variants.def): kernels/simd/pool_f32.h on NEON.
#include "kernels/simd/pool_f32.h"
#include "kernels/arm/vec_neon.h"

namespace ingot::rt::arm {
Error kernel_avg_pool_window_f32_neon(KernelContext& ctx) { return simd::pool_f32<Neon, false>(ctx); }
}  // namespace ingot::rt::arm
