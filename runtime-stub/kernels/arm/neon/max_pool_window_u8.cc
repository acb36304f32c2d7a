// max_pool.window.u8.neon (variants.def): kernels/arm/max_pool_8bit_neon.h on u8 data.
#include "kernels/arm/max_pool_8bit_neon.h"

namespace ingot::rt::arm {
Error kernel_max_pool_window_u8_neon(KernelContext& ctx) { return max_pool_8bit_neon<uint8_t>(ctx); }
}  // namespace ingot::rt::arm
