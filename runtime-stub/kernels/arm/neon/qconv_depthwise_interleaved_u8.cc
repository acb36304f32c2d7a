// qconv.depthwise_interleaved.u8.neon (variants.def): kernels/arm/qconv_depthwise_interleaved_neon.h, u8 output.
#include "kernels/arm/qconv_depthwise_interleaved_neon.h"

namespace ingot::rt::arm {
Error kernel_qconv_depthwise_interleaved_u8_neon(KernelContext& ctx) { return qconv_depthwise_interleaved_neon<uint8_t>(ctx); }
}  // namespace ingot::rt::arm
