// max_pool.window.i8.neon (variants.def): kernels/arm/max_pool_8bit_neon.h on i8 data.
#include "kernels/arm/max_pool_8bit_neon.h"

namespace ingot::rt::arm {
Error kernel_max_pool_window_i8_neon(KernelContext& ctx) { return max_pool_8bit_neon<int8_t>(ctx); }
}  // namespace ingot::rt::arm
