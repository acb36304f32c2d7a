// INGOT_UNROLL, before a loop with a trip count known at compile time:
// unrolled by force on x86. GCC at -O2 does not unroll, and a rolled loop
// over an array of accumulators keeps the array in memory: every FMA then
// waits on a store and a load (the GEMM tile ran at half speed, the padded
// depthwise bands at a third). On AArch64 the code stays as GCC lays it
// out: unrolled, the NEON linalg object with the packed variants grew from
// 45 to 105 KB (60 KB rolled), past the runtime's size budget
// (bench/aarch64_size.py), and its speed there is unmeasured (qemu only).
//
// Not under AddressSanitizer either: there speed does not matter, and clang
// instruments every access of the unrolled copies; the nested unrolled tap
// loops of the AVX2 depthwise kernel took 308 s to compile (9 s without
// ASan), the longest step of the sanitizer build.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define INGOT_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define INGOT_UNDER_ASAN 1
#endif
#endif

#if defined(__x86_64__) && !defined(INGOT_UNDER_ASAN)
#define INGOT_UNROLL _Pragma("GCC unroll 16")
#else
#define INGOT_UNROLL
#endif
