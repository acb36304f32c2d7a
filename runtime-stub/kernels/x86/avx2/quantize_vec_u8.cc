// quantize.vec.u8.avx2 (variants.def): kernels/x86/quantize_avx2.h, u8 output.
#include "kernels/x86/quantize_avx2.h"

namespace ingot::rt::x86 {
Error kernel_quantize_vec_u8_avx2(KernelContext& ctx) { return quantize_vec_avx2<uint8_t>(ctx); }
}  // namespace ingot::rt::x86
