// qconv.depthwise_interleaved.i8.neon (variants.def): kernels/arm/qconv_depthwise_interleaved_neon.h, i8 output.
#include "kernels/arm/qconv_depthwise_interleaved_neon.h"

namespace ingot::rt::arm {
Error kernel_qconv_depthwise_interleaved_i8_neon(KernelContext& ctx) { return qconv_depthwise_interleaved_neon<int8_t>(ctx); }
}  // namespace ingot::rt::arm
