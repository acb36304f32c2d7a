// layer_norm.row.f32.neon (variants.def): kernels/simd/layer_norm_f32.h on NEON.
#include "kernels/simd/layer_norm_f32.h"
#include "kernels/arm/vec_neon.h"

namespace ingot::rt::arm {
Error kernel_layer_norm_row_f32_neon(KernelContext& ctx) { return simd::layer_norm_f32<Neon>(ctx); }
}  // namespace ingot::rt::arm
