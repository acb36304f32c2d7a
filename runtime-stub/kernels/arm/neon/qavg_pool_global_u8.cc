// qavg_pool.global.u8.neon (variants.def): kernels/arm/qavg_pool_global_neon.h, u8 input and output.
#include "kernels/arm/qavg_pool_global_neon.h"

namespace ingot::rt::arm {
Error kernel_qavg_pool_global_u8_neon(KernelContext& ctx) { return qavg_pool_global_neon<uint8_t>(ctx); }
}  // namespace ingot::rt::arm
