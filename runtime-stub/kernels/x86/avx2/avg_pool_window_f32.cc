// avg_pool.window.f32.avx2 (variants.def): kernels/simd/pool_f32.h on AVX2 + FMA.
#include "kernels/simd/pool_f32.h"
#include "kernels/x86/vec_avx2.h"

namespace ingot::rt::x86 {
Error kernel_avg_pool_window_f32_avx2(KernelContext& ctx) { return simd::pool_f32<Avx2, false>(ctx); }
}  // namespace ingot::rt::x86
