// builtin_kernels(): the portable kernels followed by the optimized variants
// this build has: kernels/x86/variants.def on x86-64 (CMake defines
// INGOT_X86_KERNELS), kernels/arm/variants.def on AArch64
// (INGOT_ARM_KERNELS). Load resolves names only: which variant runs is
// decided by the compiler and recorded in the program. runtime_manifest()
// lists the same kernels, from the same lists.
#include <vector>

#include "ingot/kernel.h"
#include "src/manifest_section.h"

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

namespace {

#define INGOT_STRINGIFY(x) #x
#define INGOT_VERSION_TEXT(major, minor) INGOT_STRINGIFY(major) "." INGOT_STRINGIFY(minor)
#if INGOT_X86_KERNELS
#define INGOT_MANIFEST_ARCH "arch x86_64\nfeatures avx2 fma avx512f avx512bw avx512dq avx512vl\n"
#elif INGOT_ARM_KERNELS
#define INGOT_MANIFEST_ARCH "arch aarch64\nfeatures neon dotprod\n"
#else
#define INGOT_MANIFEST_ARCH "arch any\nfeatures\n"
#endif

INGOT_MANIFEST_SECTION const char kManifest[] =
    "ingot-runtime-manifest 1\n"
    "producer ingot 0.1.0 (built in)\n"
    "program-format " INGOT_VERSION_TEXT(INGOT_FORMAT_MAJOR, INGOT_FORMAT_MINOR) "\n" INGOT_MANIFEST_ARCH
    "dtypes f32 f64 f16 bf16 i8 i16 i32 i64 u8 u16 u32 u64 bool\n"
#define INGOT_KERNEL(op) "kernel " #op ".portable\n"
#include "kernels/portable/all_kernels.def"
#undef INGOT_KERNEL
#if INGOT_X86_KERNELS
#define INGOT_X86_KERNEL(op, variant, dtype, isa) "kernel " #op "." #variant "." #dtype "." #isa "\n"
#include "kernels/x86/variants.def"
#undef INGOT_X86_KERNEL
#endif
#if INGOT_ARM_KERNELS
#define INGOT_ARM_KERNEL(op, variant, dtype, isa) "kernel " #op "." #variant "." #dtype "." #isa "\n"
#include "kernels/arm/variants.def"
#undef INGOT_ARM_KERNEL
#endif
    "end\n";

}  // namespace

const char* runtime_manifest() { return kManifest; }

}  // namespace ingot::rt
