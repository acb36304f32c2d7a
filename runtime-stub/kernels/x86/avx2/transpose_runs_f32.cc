// transpose.runs.f32.avx2 (variants.def): kernels/simd/transpose_f32.h on AVX2 + FMA.
#include "kernels/simd/transpose_f32.h"
#include "kernels/x86/vec_avx2.h"

namespace ingot::rt::x86 {
Error kernel_transpose_runs_f32_avx2(KernelContext& ctx) { return simd::transpose_f32(ctx); }
}  // namespace ingot::rt::x86
