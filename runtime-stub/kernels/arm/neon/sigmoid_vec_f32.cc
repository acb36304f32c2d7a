// sigmoid.vec.f32.neon (variants.def): kernels/simd/unary_f32.h on NEON.
#include "kernels/simd/unary_f32.h"
#include "kernels/arm/vec_neon.h"

namespace ingot::rt::arm {
Error kernel_sigmoid_vec_f32_neon(KernelContext& ctx) { return simd::sigmoid_f32<Neon>(ctx); }
}  // namespace ingot::rt::arm
