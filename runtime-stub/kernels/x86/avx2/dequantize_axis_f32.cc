// dequantize.axis.f32.avx2 (variants.def): kernels/x86/quantize_avx2.h, i32 to f32 with a scale per column.
#include "kernels/x86/quantize_avx2.h"

namespace ingot::rt::x86 {
Error kernel_dequantize_axis_f32_avx2(KernelContext& ctx) { return dequantize_axis_avx2(ctx); }
}  // namespace ingot::rt::x86
