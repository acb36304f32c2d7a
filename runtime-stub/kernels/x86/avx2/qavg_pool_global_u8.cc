// qavg_pool.global.u8.avx2 (variants.def): kernels/x86/qavg_pool_global_avx2.h, u8 input and output.
#include "kernels/x86/qavg_pool_global_avx2.h"

namespace ingot::rt::x86 {
Error kernel_qavg_pool_global_u8_avx2(KernelContext& ctx) { return qavg_pool_global_avx2<uint8_t>(ctx); }
}  // namespace ingot::rt::x86
