// slice.runs.f32.avx512 (variants.def): kernels/simd/slice_f32.h on AVX-512 F.
#include "kernels/simd/slice_f32.h"
#include "kernels/x86/vec_avx512.h"

namespace ingot::rt::x86 {
Error kernel_slice_runs_f32_avx512(KernelContext& ctx) { return simd::slice_f32(ctx); }
}  // namespace ingot::rt::x86
