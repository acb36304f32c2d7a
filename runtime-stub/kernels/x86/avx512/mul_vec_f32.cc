// mul.vec.f32.avx512 (variants.def): kernels/simd/binary_f32.h on AVX-512 F.
#include "kernels/simd/binary_f32.h"
#include "kernels/x86/vec_avx512.h"

namespace ingot::rt::x86 {
Error kernel_mul_vec_f32_avx512(KernelContext& ctx) { return simd::binary_f32<Avx512, simd::BinaryOp::mul>(ctx); }
}  // namespace ingot::rt::x86
