// builtin_kernels(): the portable kernels followed by the optimized variants
// this build has: kernels/x86/variants.def on x86-64 (CMake defines
// INGOT_X86_KERNELS), kernels/arm/variants.def on AArch64
// (INGOT_ARM_KERNELS). Load resolves names only: which variant runs is
// decided by the compiler and recorded in the program.
#include <vector>

#include "ingot/kernel.h"

namespace ingot::rt {
#if INGOT_X86_KERNELS
namespace x86 {
#define INGOT_X86_KERNEL(op, variant, dtype, isa) Error kernel_##op##_##variant##_##dtype##_##isa(KernelContext& ctx);
#include "kernels/x86/variants.def"
#undef INGOT_X86_KERNEL
}  // namespace x86
#endif
#if INGOT_ARM_KERNELS
namespace arm {
#define INGOT_ARM_KERNEL(op, variant, dtype, isa) Error kernel_##op##_##variant##_##dtype##_##isa(KernelContext& ctx);
#include "kernels/arm/variants.def"
#undef INGOT_ARM_KERNEL
}  // namespace arm
#endif

KernelSet builtin_kernels() {
  static const std::vector<KernelEntry> entries = [] {
    const KernelSet portable = portable_kernels();
    std::vector<KernelEntry> all(portable.entries, portable.entries + portable.count);
    const KernelEntry optimized[] = {
#if INGOT_X86_KERNELS
#define INGOT_X86_KERNEL(op, variant, dtype, isa) \
  {#op "." #variant "." #dtype "." #isa, x86::kernel_##op##_##variant##_##dtype##_##isa},
#include "kernels/x86/variants.def"
#undef INGOT_X86_KERNEL
#endif
#if INGOT_ARM_KERNELS
#define INGOT_ARM_KERNEL(op, variant, dtype, isa) \
  {#op "." #variant "." #dtype "." #isa, arm::kernel_##op##_##variant##_##dtype##_##isa},
#include "kernels/arm/variants.def"
#undef INGOT_ARM_KERNEL
#endif
        {nullptr, nullptr},  // keeps the array non-empty in a build without optimized kernels
    };
    all.insert(all.end(), std::begin(optimized), std::end(optimized) - 1);
    return all;
  }();
  return {entries.data(), entries.size()};
}

}  // namespace ingot::rt
