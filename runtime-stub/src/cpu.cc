// CPU feature detection for the program's required_isa check. On x86 the
// compiler's cpuid builtins answer; elsewhere no x86 feature is present.
#include <cstring>

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
#endif
  (void)feature;
  return false;
}

}  // namespace ingot::rt
