// qadd.vec.u8.neon (variants.def): kernels/arm/qadd_vec_neon.h, u8 output.
#include "kernels/arm/qadd_vec_neon.h"

namespace ingot::rt::arm {
Error kernel_qadd_vec_u8_neon(KernelContext& ctx) { return qadd_vec_neon<uint8_t>(ctx); }
}  // namespace ingot::rt::arm
