// qconv.im2col_w7.u8.avx2 (variants.def): kernels/x86/qconv_im2col_avx2.h on qgemm_w7_avx2.h, u8 output.
#include "kernels/x86/qconv_im2col_avx2.h"

namespace ingot::rt::x86 {
Error kernel_qconv_im2col_w7_u8_avx2(KernelContext& ctx) { return qconv_im2col_w7_avx2<uint8_t>(ctx); }
}  // namespace ingot::rt::x86
