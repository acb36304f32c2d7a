// Google Benchmark of the f32 GEMM family (runtime-stub/kernels/x86/
// gemm_f32.h) for one ISA: the shapes that dominate the zoo (pointwise
// convolutions of mobilenet_v2 and resnet18 as [M,K] x [K,HW], the linear
// layers and attention products of the transformer encoder, and squares),
// reported in GFLOP/s and as a share of this core's fp32 FMA peak, which a
// register-only FMA loop measures first (as ../shared/bench/peak.cpp does).
// Both use wall-clock time: on a busy host both drop, so compare the share.
// Included once per ISA file (gemm_avx2_bench.cc, gemm_avx512_bench.cc),
// each built with its ISA flags.
#pragma once

#include <benchmark/benchmark.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "kernels/simd/gemm_f32.h"
#include "kernels/simd/pack_f32.h"

namespace ingot::bench {

// GFLOP/s of 12 independent FMA chains on V's registers: no memory traffic,
// so the FMA ports are the limit.
template <typename V>
double fma_peak_gflops() {
  constexpr int kChains = 12;
  typename V::Vec acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = V::set1(0.001f * static_cast<float>(i));
  const auto a = V::set1(0.999999f), b = V::set1(1e-7f);
  const long iterations = 20'000'000;
  const auto start = std::chrono::steady_clock::now();
  for (long it = 0; it < iterations; ++it) {
#pragma GCC unroll 12
    for (int i = 0; i < kChains; ++i) acc[i] = V::fmadd(acc[i], a, b);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (int i = 1; i < kChains; ++i) acc[0] = V::add(acc[0], acc[i]);
  benchmark::DoNotOptimize(acc[0]);
  return static_cast<double>(iterations) * kChains * V::kLanes * 2 / seconds / 1e9;
}

// Reports `flops` per iteration over `seconds` of timed iterations as the
// GFLOP/s counter, with the peak and the share of it.
inline void report_rate(benchmark::State& state, double flops, double seconds, double peak) {
  const double gflops = flops * static_cast<double>(state.iterations()) / seconds / 1e9;
  state.counters["GFLOP/s"] = gflops;
  state.counters["peak"] = peak;
  state.counters["share"] = gflops / peak;
}

struct GemmShape {
  const char* name;
  int64_t m, k, n;
};

inline const std::vector<GemmShape>& gemm_shapes() {
  static const std::vector<GemmShape> shapes = {
      {"mobilenet_v2 pw 16->96 @112x112", 96, 16, 12544},
      {"mobilenet_v2 pw 144->24 @56x56", 24, 144, 3136},
      {"mobilenet_v2 pw 320->1280 @7x7", 1280, 320, 49},
      {"resnet18 3x3 as im2col 64ch @56x56", 64, 576, 3136},
      {"transformer linear 128x256x256", 128, 256, 256},
      {"transformer ffn 128x256x1024", 128, 256, 1024},
      {"attention scores 128x64x128", 128, 64, 128},
      {"square 512", 512, 512, 512},
  };
  return shapes;
}

// packed: A (the conv weights) in the row panels the compiler writes for the
// `*_packed` conv variants (pack_f32.h), on the cache-blocked GEMM;
// "gemm_packed_a.f32.<isa>".
template <typename V>
void register_gemm_benchmarks(const std::string& isa, bool packed = false) {
  static const double peak = fma_peak_gflops<V>();
  for (const GemmShape& shape : gemm_shapes()) {
    const std::string family = packed ? "gemm_packed_a.f32." : "gemm.f32.";
    benchmark::RegisterBenchmark((family + isa + "/" + shape.name).c_str(), [shape, packed](benchmark::State& state) {
      std::mt19937 random(1);
      std::normal_distribution<float> normal;
      std::vector<float> a(static_cast<size_t>(shape.m * shape.k)), b(static_cast<size_t>(shape.k * shape.n)),
          c(static_cast<size_t>(shape.m * shape.n));
      for (float& v : a) v = normal(random);
      for (float& v : b) v = normal(random);
      if (packed) {
        const std::vector<float> plain = a;
        rt::simd::pack_a_panels(plain.data(), shape.m, shape.k, shape.k, V::kRows, a.data());
      }
      rt::simd::GemmArgs g;
      g.a_packed = packed;
      g.m = shape.m;
      g.k = shape.k;
      g.n = shape.n;
      g.a = a.data();
      g.lda = shape.k;
      g.b = b.data();
      g.ldb = shape.n;
      g.c = c.data();
      g.ldc = shape.n;
      // Wall-clock time per call, so that a share of the peak means what it
      // says; the peak is measured the same way.
      double seconds = 0;
      for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        rt::simd::gemm_f32<V>(g);
        benchmark::ClobberMemory();
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        state.SetIterationTime(elapsed);
        seconds += elapsed;
      }
      report_rate(state, 2.0 * static_cast<double>(shape.m * shape.k * shape.n), seconds, peak);
    })->UseManualTime();
  }
}

}  // namespace ingot::bench
