// qavg_pool.global.i8.neon (variants.def): kernels/arm/qavg_pool_global_neon.h, i8 input and output.
#include "kernels/arm/qavg_pool_global_neon.h"

namespace ingot::rt::arm {
Error kernel_qavg_pool_global_i8_neon(KernelContext& ctx) { return qavg_pool_global_neon<int8_t>(ctx); }
}  // namespace ingot::rt::arm
