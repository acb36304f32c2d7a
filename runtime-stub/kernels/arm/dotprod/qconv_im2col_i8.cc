// qconv.im2col.i8.dotprod (variants.def): kernels/arm/qconv_im2col_neon.h on the SDOT tile, i8 output.
#include "kernels/arm/qconv_im2col_neon.h"
#include "kernels/arm/qgemm_dotprod.h"

namespace ingot::rt::arm {
Error kernel_qconv_im2col_i8_dotprod(KernelContext& ctx) { return qconv_im2col_neon<QgemmDot, int8_t>(ctx); }
}  // namespace ingot::rt::arm
