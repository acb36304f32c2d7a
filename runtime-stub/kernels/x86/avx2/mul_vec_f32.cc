// mul.vec.f32.avx2 (variants.def): kernels/simd/binary_f32.h on AVX2 + FMA.
#include "kernels/simd/binary_f32.h"
#include "kernels/x86/vec_avx2.h"

namespace ingot::rt::x86 {
Error kernel_mul_vec_f32_avx2(KernelContext& ctx) { return simd::binary_f32<Avx2, simd::BinaryOp::mul>(ctx); }
}  // namespace ingot::rt::x86
