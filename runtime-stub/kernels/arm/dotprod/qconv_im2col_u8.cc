// qconv.im2col.u8.dotprod (variants.def): kernels/arm/qconv_im2col_neon.h on the SDOT tile, u8 output.
#include "kernels/arm/qconv_im2col_neon.h"
#include "kernels/arm/qgemm_dotprod.h"

namespace ingot::rt::arm {
Error kernel_qconv_im2col_u8_dotprod(KernelContext& ctx) { return qconv_im2col_neon<QgemmDot, uint8_t>(ctx); }
}  // namespace ingot::rt::arm
