// f32 add, sub, mul, div with AVX2 (8 lanes). Built with -mavx2 -mfma.
#include "kernels/simd/binary_f32.h"
#include "kernels/x86/vec_avx2.h"

namespace ingot::rt::x86 {

using namespace simd;

Error kernel_add_vec_f32_avx2(KernelContext& ctx) { return binary_f32<Avx2, BinaryOp::add>(ctx); }
Error kernel_sub_vec_f32_avx2(KernelContext& ctx) { return binary_f32<Avx2, BinaryOp::sub>(ctx); }
Error kernel_mul_vec_f32_avx2(KernelContext& ctx) { return binary_f32<Avx2, BinaryOp::mul>(ctx); }
Error kernel_div_vec_f32_avx2(KernelContext& ctx) { return binary_f32<Avx2, BinaryOp::div>(ctx); }

}  // namespace ingot::rt::x86
