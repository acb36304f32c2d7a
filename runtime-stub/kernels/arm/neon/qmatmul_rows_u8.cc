// qmatmul.rows.u8.neon (variants.def): kernels/arm/qmatmul_rows_neon.h, u8 output.
#include "kernels/arm/qmatmul_rows_neon.h"

namespace ingot::rt::arm {
Error kernel_qmatmul_rows_u8_neon(KernelContext& ctx) { return qmatmul_rows_neon<uint8_t>(ctx); }
}  // namespace ingot::rt::arm
