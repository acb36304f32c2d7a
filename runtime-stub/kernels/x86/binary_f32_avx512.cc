// f32 add, sub, mul, div with AVX-512 F (16 lanes). Built with -mavx512f.
#include "kernels/simd/binary_f32.h"
#include "kernels/x86/vec_avx512.h"

namespace ingot::rt::x86 {

using namespace simd;

Error kernel_add_vec_f32_avx512(KernelContext& ctx) { return binary_f32<Avx512, BinaryOp::add>(ctx); }
Error kernel_sub_vec_f32_avx512(KernelContext& ctx) { return binary_f32<Avx512, BinaryOp::sub>(ctx); }
Error kernel_mul_vec_f32_avx512(KernelContext& ctx) { return binary_f32<Avx512, BinaryOp::mul>(ctx); }
Error kernel_div_vec_f32_avx512(KernelContext& ctx) { return binary_f32<Avx512, BinaryOp::div>(ctx); }

}  // namespace ingot::rt::x86
