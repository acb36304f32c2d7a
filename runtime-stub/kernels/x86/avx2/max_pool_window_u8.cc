// max_pool.window.u8.avx2 (variants.def): kernels/x86/max_pool_8bit_avx2.h on u8 data.
#include "kernels/x86/max_pool_8bit_avx2.h"

namespace ingot::rt::x86 {
Error kernel_max_pool_window_u8_avx2(KernelContext& ctx) { return max_pool_8bit_avx2<uint8_t>(ctx); }
}  // namespace ingot::rt::x86
