// Google Benchmark of conv.direct (runtime-stub/kernels/simd/conv_direct_f32.h)
// for one ISA on the shapes of conv_bench.h it takes (the 3-channel stems),
// timed as conv_bench.h times conv.im2col_packed on the same shapes: compare
// the two in one run,
//   build/bin/ingot_kernel_bench --benchmark_filter='stem'
//     --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true
#pragma once

#include <benchmark/benchmark.h>

#include <chrono>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "bench/kernels/conv_bench.h"
#include "kernels/simd/conv_direct_f32.h"

namespace ingot::bench {

template <typename V>
void register_conv_direct_benchmarks(const std::string& isa) {
  static const double peak = fma_peak_gflops<V>();
  for (const ConvShape& shape : conv_shapes()) {
    const int64_t out = (shape.h + 2 * shape.pad - shape.k) / shape.stride + 1;
    const rt::simd::DirectConvShape s{shape.c, shape.h, shape.h, shape.m, out, out, shape.k, shape.k, shape.stride, shape.pad, shape.pad};
    if (shape.group != 1 || !rt::simd::direct_fits(s, V::kLanes)) continue;
    benchmark::RegisterBenchmark(("conv.direct.f32." + isa + "/" + shape.name).c_str(), [s](benchmark::State& state) {
      std::mt19937 random(1);
      std::normal_distribution<float> normal;
      std::vector<float> x(static_cast<size_t>(s.c * s.h * s.w)), w(static_cast<size_t>(s.m * s.c * s.kh * s.kw)),
          bias(static_cast<size_t>(s.m)), y(static_cast<size_t>(s.m * s.oh * s.ow));
      for (float& v : x) v = normal(random);
      for (float& v : w) v = normal(random);
      for (float& v : bias) v = normal(random);
      rt::simd::Activation relu;
      relu.lo = 0.0f;
      const int64_t band = rt::simd::direct_band(s, V::kLanes);
      double seconds = 0;
      for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        // One image on one thread: every band in turn.
        for (int64_t oy0 = 0; oy0 < s.oh; oy0 += band) {
          const int64_t oy1 = std::min(s.oh, oy0 + band);
          if (s.stride == 1) {
            rt::simd::direct_conv_band<V, 1>(s, oy0, oy1, x.data(), w.data(), bias.data(), relu, y.data());
          } else {
            rt::simd::direct_conv_band<V, 2>(s, oy0, oy1, x.data(), w.data(), bias.data(), relu, y.data());
          }
        }
        benchmark::ClobberMemory();
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        state.SetIterationTime(elapsed);
        seconds += elapsed;
      }
      report_rate(state, 2.0 * static_cast<double>(s.m * s.c * s.kh * s.kw * s.oh * s.ow), seconds, peak);
    })->UseManualTime();
  }
}

}  // namespace ingot::bench
