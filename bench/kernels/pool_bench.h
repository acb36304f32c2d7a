// Google Benchmark of max_pool.window (runtime-stub/kernels/simd/pool_f32.h)
// for one ISA on the zoo's max pools: the padded-row kernel the variant
// takes for horizontal strides 1 and 2 (max_pool_plane_rows). A pool is
// memory-bound: the counter is GB/s of input read. Compare builds in one run:
//   build/bin/ingot_kernel_bench --benchmark_filter='max_pool'
//     --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true
#pragma once

#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "bench/kernels/depthwise_bench.h"
#include "kernels/simd/pool_f32.h"

namespace ingot::bench {

struct PoolBenchShape {
  const char* name;
  int64_t c, h, k, stride, pad;
  bool ceil_mode;
};

inline const std::vector<PoolBenchShape>& max_pool_shapes() {
  static const std::vector<PoolBenchShape> shapes = {
      {"squeezenet1_1 3x3/2 ceil 64 @111", 64, 111, 3, 2, 0, true},
      {"squeezenet1_1 3x3/2 ceil 128 @55", 128, 55, 3, 2, 0, true},
      {"squeezenet1_1 3x3/2 ceil 256 @27", 256, 27, 3, 2, 0, true},
      {"resnet18 3x3/2 64 @112", 64, 112, 3, 2, 1, false},
      {"shufflenet_v2 3x3/2 24 @112", 24, 112, 3, 2, 1, false},
      {"inception 3x3/1 192 @28", 192, 28, 3, 1, 1, false},
  };
  return shapes;
}

template <typename V>
void register_max_pool_benchmarks(const std::string& isa) {
  for (const PoolBenchShape& shape : max_pool_shapes()) {
    const int64_t span = shape.h + 2 * shape.pad - shape.k;
    const int64_t out = (shape.ceil_mode ? (span + shape.stride - 1) / shape.stride : span / shape.stride) + 1;
    rt::simd::PoolShape s{};
    s.h = s.w = shape.h;
    s.oh = s.ow = out;
    s.kh = s.kw = shape.k;
    s.sh = s.sw = shape.stride;
    s.dh = s.dw = 1;
    s.pt = s.pl = s.pb = s.pr = shape.pad;
    const int64_t row_stride = rt::simd::max_pool_row_stride<V>(s);
    if (row_stride == 0) continue;
    benchmark::RegisterBenchmark(("max_pool.window.f32." + isa + "/" + shape.name).c_str(), [shape, s, row_stride](benchmark::State& state) {
      std::mt19937 random(1);
      std::normal_distribution<float> normal;
      std::vector<float> x(static_cast<size_t>(shape.c * s.h * s.w)), y(static_cast<size_t>(shape.c * s.oh * s.ow));
      for (float& v : x) v = normal(random);
      double seconds = 0;
      for (auto _ : state) {
        const double start = thread_seconds();
        for (int64_t c = 0; c < shape.c; ++c) {
          rt::simd::max_pool_plane_rows<V>(s, row_stride, x.data() + c * s.h * s.w, y.data() + c * s.oh * s.ow);
        }
        benchmark::ClobberMemory();
        const double elapsed = thread_seconds() - start;
        state.SetIterationTime(elapsed);
        seconds += elapsed;
      }
      const double bytes = 4.0 * static_cast<double>(x.size()) * static_cast<double>(state.iterations());
      state.counters["GB/s"] = bytes / seconds / 1e9;
    })->UseManualTime();
  }
}

}  // namespace ingot::bench
