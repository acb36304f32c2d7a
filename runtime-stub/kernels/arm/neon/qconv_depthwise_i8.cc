// qconv.depthwise.i8.neon (variants.def): kernels/arm/qconv_depthwise_neon.h, i8 output.
#include "kernels/arm/qconv_depthwise_neon.h"

namespace ingot::rt::arm {
Error kernel_qconv_depthwise_i8_neon(KernelContext& ctx) { return qconv_depthwise_neon<int8_t>(ctx); }
}  // namespace ingot::rt::arm
