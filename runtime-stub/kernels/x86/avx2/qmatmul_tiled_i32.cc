// qmatmul.tiled.i32.avx2 (variants.def): kernels/x86/qmatmul_tiled_avx2.h.
#include "kernels/x86/qmatmul_tiled_avx2.h"

namespace ingot::rt::x86 {
Error kernel_qmatmul_tiled_i32_avx2(KernelContext& ctx) { return qmatmul_tiled_i32_avx2(ctx); }
}  // namespace ingot::rt::x86
