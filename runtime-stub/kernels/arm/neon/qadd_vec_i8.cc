// qadd.vec.i8.neon (variants.def): kernels/arm/qadd_vec_neon.h, i8 output.
#include "kernels/arm/qadd_vec_neon.h"

namespace ingot::rt::arm {
Error kernel_qadd_vec_i8_neon(KernelContext& ctx) { return qadd_vec_neon<int8_t>(ctx); }
}  // namespace ingot::rt::arm
