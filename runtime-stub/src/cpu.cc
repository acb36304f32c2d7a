// CPU feature detection for the program's required_isa check. On x86 the
// compiler's cpuid builtins answer; on AArch64 Linux the kernel's hardware
// capabilities (getauxval(AT_HWCAP)); elsewhere no feature is present.
#include <cstring>

#if defined(__aarch64__) && defined(__linux__)
#include <asm/hwcap.h>
#include <sys/auxv.h>
#endif

#include "ingot/runtime.h"

namespace ingot::rt {

bool cpu_supports(const char* feature) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  if (std::strcmp(feature, "avx2") == 0) return __builtin_cpu_supports("avx2");
  if (std::strcmp(feature, "fma") == 0) return __builtin_cpu_supports("fma");
  if (std::strcmp(feature, "avx512f") == 0) return __builtin_cpu_supports("avx512f");
  if (std::strcmp(feature, "avx512bw") == 0) return __builtin_cpu_supports("avx512bw");
  if (std::strcmp(feature, "avx512dq") == 0) return __builtin_cpu_supports("avx512dq");
  if (std::strcmp(feature, "avx512vl") == 0) return __builtin_cpu_supports("avx512vl");
#elif defined(__aarch64__) && defined(__linux__)
  const unsigned long hwcap = getauxval(AT_HWCAP);
  if (std::strcmp(feature, "neon") == 0) return (hwcap & HWCAP_ASIMD) != 0;
  if (std::strcmp(feature, "dotprod") == 0) return (hwcap & HWCAP_ASIMDDP) != 0;
#endif
  (void)feature;
  return false;
}

}  // namespace ingot::rt
