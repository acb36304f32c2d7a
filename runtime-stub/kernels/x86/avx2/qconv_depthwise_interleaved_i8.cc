// qconv.depthwise_interleaved.i8.avx2 (variants.def): kernels/x86/qconv_depthwise_interleaved_avx2.h, i8 output.
#include "kernels/x86/qconv_depthwise_interleaved_avx2.h"

namespace ingot::rt::x86 {
Error kernel_qconv_depthwise_interleaved_i8_avx2(KernelContext& ctx) { return qconv_depthwise_interleaved_avx2<int8_t>(ctx); }
}  // namespace ingot::rt::x86
