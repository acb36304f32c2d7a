// qconv.im2col.u8.neon (variants.def): kernels/arm/qconv_im2col_neon.h on the widening (SMLAL) tile, u8 output.
#include "kernels/arm/qconv_im2col_neon.h"
#include "kernels/arm/qgemm_neon.h"

namespace ingot::rt::arm {
Error kernel_qconv_im2col_u8_neon(KernelContext& ctx) { return qconv_im2col_neon<QgemmWiden, uint8_t>(ctx); }
}  // namespace ingot::rt::arm
