// qmatmul.rows.i8.neon (variants.def): kernels/arm/qmatmul_rows_neon.h, i8 output.
#include "kernels/arm/qmatmul_rows_neon.h"

namespace ingot::rt::arm {
Error kernel_qmatmul_rows_i8_neon(KernelContext& ctx) { return qmatmul_rows_neon<int8_t>(ctx); }
}  // namespace ingot::rt::arm
