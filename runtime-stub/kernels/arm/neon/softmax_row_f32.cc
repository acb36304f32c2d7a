// softmax.row.f32.neon (variants.def): kernels/simd/softmax_f32.h on NEON.
#include "kernels/simd/softmax_f32.h"
#include "kernels/arm/vec_neon.h"

namespace ingot::rt::arm {
Error kernel_softmax_row_f32_neon(KernelContext& ctx) { return simd::softmax_f32<Neon>(ctx); }
}  // namespace ingot::rt::arm
