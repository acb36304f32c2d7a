// INGOT_UNROLL, before a loop with a trip count known at compile time:
// unrolled by force on x86. GCC at -O2 does not unroll, and a rolled loop
// over an array of accumulators keeps the array in memory: every FMA then
// waits on a store and a load (the GEMM tile ran at half speed, the padded
// depthwise bands at a third). On AArch64 the code stays as GCC lays it
// out: unrolled, the NEON linalg object with the packed variants grew from
// 45 to 105 KB (60 KB rolled), past the runtime's size budget
// (bench/aarch64_size.py), and its speed there is unmeasured (qemu only).
#pragma once

#if defined(__x86_64__)
#define INGOT_UNROLL _Pragma("GCC unroll 16")
#else
#define INGOT_UNROLL
#endif
