// div.vec.f32.neon (variants.def): kernels/simd/binary_f32.h on NEON.
#include "kernels/simd/binary_f32.h"
#include "kernels/arm/vec_neon.h"

namespace ingot::rt::arm {
Error kernel_div_vec_f32_neon(KernelContext& ctx) { return simd::binary_f32<Neon, simd::BinaryOp::div>(ctx); }
}  // namespace ingot::rt::arm
