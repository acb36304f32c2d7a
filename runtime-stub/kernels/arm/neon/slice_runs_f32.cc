// slice.runs.f32.neon (variants.def): kernels/simd/slice_f32.h on NEON.
#include "kernels/simd/slice_f32.h"
#include "kernels/arm/vec_neon.h"

namespace ingot::rt::arm {
Error kernel_slice_runs_f32_neon(KernelContext& ctx) { return simd::slice_f32(ctx); }
}  // namespace ingot::rt::arm
