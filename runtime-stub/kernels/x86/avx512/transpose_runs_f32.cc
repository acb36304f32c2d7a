// transpose.runs.f32.avx512 (variants.def): kernels/simd/transpose_f32.h on AVX-512 F.
#include "kernels/simd/transpose_f32.h"
#include "kernels/x86/vec_avx512.h"

namespace ingot::rt::x86 {
Error kernel_transpose_runs_f32_avx512(KernelContext& ctx) { return simd::transpose_f32(ctx); }
}  // namespace ingot::rt::x86
