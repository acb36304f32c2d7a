// max_pool.window.i8.avx2 (variants.def): kernels/x86/max_pool_8bit_avx2.h on i8 data.
#include "kernels/x86/max_pool_8bit_avx2.h"

namespace ingot::rt::x86 {
Error kernel_max_pool_window_i8_avx2(KernelContext& ctx) { return max_pool_8bit_avx2<int8_t>(ctx); }
}  // namespace ingot::rt::x86
