// slice.runs.f32.avx2 (variants.def): kernels/simd/slice_f32.h on AVX2 + FMA.
#include "kernels/simd/slice_f32.h"
#include "kernels/x86/vec_avx2.h"

namespace ingot::rt::x86 {
Error kernel_slice_runs_f32_avx2(KernelContext& ctx) { return simd::slice_f32(ctx); }
}  // namespace ingot::rt::x86
