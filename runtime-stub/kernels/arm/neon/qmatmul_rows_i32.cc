// qmatmul.rows.i32.neon (variants.def): kernels/arm/qmatmul_rows_neon.h, i32 output.
#include "kernels/arm/qmatmul_rows_neon.h"

namespace ingot::rt::arm {
Error kernel_qmatmul_rows_i32_neon(KernelContext& ctx) { return qmatmul_rows_neon<int32_t>(ctx); }
}  // namespace ingot::rt::arm
