// dequantize.vec.f32.avx2 (variants.def): kernels/x86/quantize_avx2.h, u8 or i8 to f32.
#include "kernels/x86/quantize_avx2.h"

namespace ingot::rt::x86 {
Error kernel_dequantize_vec_f32_avx2(KernelContext& ctx) { return dequantize_vec_avx2(ctx); }
}  // namespace ingot::rt::x86
