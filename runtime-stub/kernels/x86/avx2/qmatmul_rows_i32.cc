// qmatmul.rows.i32.avx2 (variants.def): kernels/x86/qmatmul_rows_avx2.h, i32 output (no requantization).
#include "kernels/x86/qmatmul_rows_avx2.h"

namespace ingot::rt::x86 {
Error kernel_qmatmul_rows_i32_avx2(KernelContext& ctx) { return qmatmul_rows_avx2<int32_t>(ctx); }
}  // namespace ingot::rt::x86
