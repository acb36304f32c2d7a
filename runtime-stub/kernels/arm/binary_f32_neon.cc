// f32 add, sub, mul, div with NEON (4 lanes). AArch64 only.
#include "kernels/arm/vec_neon.h"
#include "kernels/simd/binary_f32.h"

namespace ingot::rt::arm {

using namespace simd;

Error kernel_add_vec_f32_neon(KernelContext& ctx) { return binary_f32<Neon, BinaryOp::add>(ctx); }
Error kernel_sub_vec_f32_neon(KernelContext& ctx) { return binary_f32<Neon, BinaryOp::sub>(ctx); }
Error kernel_mul_vec_f32_neon(KernelContext& ctx) { return binary_f32<Neon, BinaryOp::mul>(ctx); }
Error kernel_div_vec_f32_neon(KernelContext& ctx) { return binary_f32<Neon, BinaryOp::div>(ctx); }

}  // namespace ingot::rt::arm
