// Kernel benchmarks: each ISA's families, registered only where this CPU has
// the ISA. Run: build/bin/ingot_kernel_bench [--benchmark_filter=...]
// Counters: GFLOP/s, this core's fp32 FMA peak in GFLOP/s, and the share.
#include <benchmark/benchmark.h>

#include "ingot/runtime.h"

namespace ingot::bench {
void register_avx2();
void register_avx512();
}  // namespace ingot::bench

int main(int argc, char** argv) {
  if (ingot::rt::cpu_supports("avx2") && ingot::rt::cpu_supports("fma")) ingot::bench::register_avx2();
  if (ingot::rt::cpu_supports("avx512f")) ingot::bench::register_avx512();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
