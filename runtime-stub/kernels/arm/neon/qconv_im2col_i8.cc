// qconv.im2col.i8.neon (variants.def): kernels/arm/qconv_im2col_neon.h on the widening (SMLAL) tile, i8 output.
#include "kernels/arm/qconv_im2col_neon.h"
#include "kernels/arm/qgemm_neon.h"

namespace ingot::rt::arm {
Error kernel_qconv_im2col_i8_neon(KernelContext& ctx) { return qconv_im2col_neon<QgemmWiden, int8_t>(ctx); }
}  // namespace ingot::rt::arm
