// Google Benchmark of the depthwise convolutions for one ISA: every
// depthwise layer shape of mobilenet_v2 and efficientnet_b0 (channels,
// plane, taps, stride), each with the plane-at-a-time kernel
// (conv.depthwise, depthwise_f32.h) and, where it takes the shape, the
// channel-interleaved one (conv.depthwise_interleaved,
// depthwise_interleaved_f32.h). Counter `selected`: 1 on the kernel the
// compiler picks for the shape (interleaved_fits and interleaved_pays). Compare
// the two as ratios, interleaved in one run:
//   build/bin/ingot_kernel_bench --benchmark_filter='conv.depthwise'
//     --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true
// Time is this thread's CPU time, so that a machine shared with other jobs
// disturbs the figures less.
#pragma once

#include <benchmark/benchmark.h>

#include <time.h>

#include <limits>
#include <random>
#include <string>
#include <vector>

#include "bench/kernels/gemm_bench.h"
#include "kernels/simd/depthwise_interleaved_f32.h"

namespace ingot::bench {

struct DepthwiseBenchShape {
  const char* name;
  int64_t c, h, k, stride;
};

inline const std::vector<DepthwiseBenchShape>& depthwise_shapes() {
  static const std::vector<DepthwiseBenchShape> shapes = {
      {"mobilenet_v2 3x3 32 @112", 32, 112, 3, 1},       {"mobilenet_v2 3x3/2 96 @112", 96, 112, 3, 2},
      {"mobilenet_v2 3x3 144 @56", 144, 56, 3, 1},       {"mobilenet_v2 3x3/2 144 @56", 144, 56, 3, 2},
      {"mobilenet_v2 3x3 192 @28", 192, 28, 3, 1},       {"mobilenet_v2 3x3/2 192 @28", 192, 28, 3, 2},
      {"mobilenet_v2 3x3 384 @14", 384, 14, 3, 1},       {"mobilenet_v2 3x3 576 @14", 576, 14, 3, 1},
      {"mobilenet_v2 3x3/2 576 @14", 576, 14, 3, 2},     {"mobilenet_v2 3x3 960 @7", 960, 7, 3, 1},
      {"efficientnet_b0 3x3/2 96 @112", 96, 112, 3, 2},  {"efficientnet_b0 3x3 144 @56", 144, 56, 3, 1},
      {"efficientnet_b0 5x5/2 144 @56", 144, 56, 5, 2},  {"efficientnet_b0 5x5 240 @28", 240, 28, 5, 1},
      {"efficientnet_b0 3x3/2 240 @28", 240, 28, 3, 2},  {"efficientnet_b0 3x3 480 @14", 480, 14, 3, 1},
      {"efficientnet_b0 5x5 480 @14", 480, 14, 5, 1},    {"efficientnet_b0 5x5 672 @14", 672, 14, 5, 1},
      {"efficientnet_b0 5x5/2 672 @14", 672, 14, 5, 2},  {"efficientnet_b0 5x5 1152 @7", 1152, 7, 5, 1},
      {"efficientnet_b0 3x3 1152 @7", 1152, 7, 3, 1},
  };
  return shapes;
}

inline double thread_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

template <typename V>
void register_depthwise_benchmarks(const std::string& isa) {
  static const double peak = fma_peak_gflops<V>();
  for (const DepthwiseBenchShape& shape : depthwise_shapes()) {
    const int64_t pad = shape.k / 2, out = (shape.h + 2 * pad - shape.k) / shape.stride + 1;
    const rt::simd::DepthwiseShape s{shape.h, shape.h, out, out, shape.k, shape.k, shape.stride, pad, pad};
    for (const bool interleaved : {false, true}) {
      if (interleaved && !rt::simd::interleaved_fits(s, V::kLanes)) continue;
      const std::string family = interleaved ? "conv.depthwise_interleaved.f32." : "conv.depthwise.f32.";
      benchmark::RegisterBenchmark((family + isa + "/" + shape.name).c_str(), [shape, s, interleaved](benchmark::State& state) {
        std::mt19937 random(1);
        std::normal_distribution<float> normal;
        std::vector<float> x(static_cast<size_t>(shape.c * s.h * s.w)), w(static_cast<size_t>(shape.c * s.kh * s.kw)),
            bias(static_cast<size_t>(shape.c)), y(static_cast<size_t>(shape.c * s.oh * s.ow));
        for (float& v : x) v = normal(random);
        for (float& v : w) v = normal(random);
        for (float& v : bias) v = normal(random);
        const rt::simd::Activation relu6{0.0f, 6.0f};
        // One image on one thread, as the kernels run each task.
        auto run = [&]<int kK>() {
          if (interleaved) {
            for (int64_t c0 = 0; c0 < shape.c; c0 += V::kLanes) {
              rt::simd::depthwise_interleaved_block<V, kK>(s, std::min<int64_t>(V::kLanes, shape.c - c0), x.data() + c0 * s.h * s.w,
                                                           w.data() + c0 * kK * kK, bias.data() + c0, relu6, y.data() + c0 * s.oh * s.ow);
            }
          } else {
            for (int64_t c = 0; c < shape.c; ++c) {
              rt::simd::depthwise_any_plane<V, kK>(s, x.data() + c * s.h * s.w, w.data() + c * kK * kK, bias[c], relu6,
                                                   y.data() + c * s.oh * s.ow);
            }
          }
        };
        double seconds = 0;
        for (auto _ : state) {
          const double start = thread_seconds();
          if (s.kh == 3) {
            run.template operator()<3>();
          } else {
            run.template operator()<5>();
          }
          benchmark::ClobberMemory();
          const double elapsed = thread_seconds() - start;
          state.SetIterationTime(elapsed);
          seconds += elapsed;
        }
        report_rate(state, 2.0 * static_cast<double>(shape.c * s.oh * s.ow * s.kh * s.kw), seconds, peak);
        state.counters["selected"] = interleaved == (rt::simd::interleaved_fits(s, V::kLanes) && rt::simd::interleaved_pays(s));
      })->UseManualTime();
    }
  }
}

}  // namespace ingot::bench
