// Google Benchmark of expand_depthwise (expand_depthwise_f32.h) for one
// ISA: every inverted-residual block of mobilenet_v2 and efficientnet_b0
// and the branches of shufflenet_v2 (input and expanded channels, plane,
// taps, stride), fused, and as the two
// kernels it replaces: the 1x1 conv on the packed GEMM
// (conv.pointwise_packed) writing the expanded tensor, then the depthwise
// kernel the compiler picks for the shape (interleaved where
// interleaved_fits and interleaved_pays, else plane by plane). relu6 on
// both. Counter `selected`: 1 on the fused kernel where the compiler forms
// it (expand_depthwise_pays). Compare the two as ratios, interleaved in one run:
//   build/bin/ingot_kernel_bench --benchmark_filter='expand_depthwise'
//     --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true
// Time is this thread's CPU time (depthwise_bench.h's thread_seconds).
#pragma once

#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "bench/kernels/depthwise_bench.h"
#include "bench/kernels/gemm_bench.h"
#include "kernels/simd/expand_depthwise_f32.h"
#include "kernels/simd/pack_f32.h"

namespace ingot::bench {

struct ExpandBenchShape {
  const char* name;
  int64_t c, e, h, k, stride;
};

inline const std::vector<ExpandBenchShape>& expand_shapes() {
  static const std::vector<ExpandBenchShape> shapes = {
      {"mobilenet_v2 16>96 3x3/2 @112", 16, 96, 112, 3, 2},     {"mobilenet_v2 24>144 3x3 @56", 24, 144, 56, 3, 1},
      {"mobilenet_v2 24>144 3x3/2 @56", 24, 144, 56, 3, 2},     {"mobilenet_v2 32>192 3x3 @28", 32, 192, 28, 3, 1},
      {"mobilenet_v2 32>192 3x3/2 @28", 32, 192, 28, 3, 2},     {"mobilenet_v2 64>384 3x3 @14", 64, 384, 14, 3, 1},
      {"mobilenet_v2 96>576 3x3 @14", 96, 576, 14, 3, 1},       {"mobilenet_v2 96>576 3x3/2 @14", 96, 576, 14, 3, 2},
      {"mobilenet_v2 160>960 3x3 @7", 160, 960, 7, 3, 1},       {"efficientnet_b0 16>96 3x3/2 @112", 16, 96, 112, 3, 2},
      {"efficientnet_b0 24>144 3x3 @56", 24, 144, 56, 3, 1},    {"efficientnet_b0 24>144 5x5/2 @56", 24, 144, 56, 5, 2},
      {"efficientnet_b0 40>240 5x5 @28", 40, 240, 28, 5, 1},    {"efficientnet_b0 40>240 3x3/2 @28", 40, 240, 28, 3, 2},
      {"efficientnet_b0 80>480 3x3 @14", 80, 480, 14, 3, 1},    {"efficientnet_b0 80>480 5x5 @14", 80, 480, 14, 5, 1},
      {"efficientnet_b0 112>672 5x5 @14", 112, 672, 14, 5, 1},  {"efficientnet_b0 112>672 5x5/2 @14", 112, 672, 14, 5, 2},
      {"efficientnet_b0 192>1152 5x5 @7", 192, 1152, 7, 5, 1}, {"efficientnet_b0 192>1152 3x3 @7", 192, 1152, 7, 3, 1},
      // shufflenet_v2's branches: a 1x1 conv that does not expand, then the depthwise.
      {"shufflenet_v2 24>58 3x3/2 @56", 24, 58, 56, 3, 2},      {"shufflenet_v2 58>58 3x3 @28", 58, 58, 28, 3, 1},
      {"shufflenet_v2 116>116 3x3 @14", 116, 116, 14, 3, 1},
  };
  return shapes;
}

template <typename V>
void register_expand_depthwise_benchmarks(const std::string& isa) {
  static const double peak = fma_peak_gflops<V>();
  for (const ExpandBenchShape& shape : expand_shapes()) {
    const int64_t pad = shape.k / 2, out = (shape.h + 2 * pad - shape.k) / shape.stride + 1;
    const rt::simd::ExpandDepthwiseShape s{{shape.h, shape.h, out, out, shape.k, shape.k, shape.stride, pad, pad}, shape.c, shape.e};
    if (!rt::simd::expand_depthwise_fits(s, V::kLanes)) continue;
    for (const bool fused : {false, true}) {
      const std::string family = fused ? "expand_depthwise.fused." : "expand_depthwise.separate.";
      benchmark::RegisterBenchmark((family + isa + "/" + shape.name).c_str(), [shape, s, fused](benchmark::State& state) {
        const rt::simd::DepthwiseShape& d = s.dw;
        const int64_t hw = d.h * d.w;
        std::mt19937 random(1);
        std::normal_distribution<float> normal;
        auto values = [&](int64_t n) {
          std::vector<float> v(static_cast<size_t>(n));
          for (float& f : v) f = normal(random);
          return v;
        };
        const std::vector<float> x = values(shape.c * hw), w_expand = values(shape.e * shape.c), b_expand = values(shape.e),
                                 k = values(shape.e * d.kh * d.kw), bias = values(shape.e);
        std::vector<float> expanded(static_cast<size_t>(shape.e * hw)), y(static_cast<size_t>(shape.e * d.oh * d.ow));
        // The weights as each kernel reads them: [E, C] in row panels (pointwise), [C, E] in column panels (fused).
        std::vector<float> packed_rows(w_expand.size()), transposed(w_expand.size()), packed_cols(w_expand.size());
        rt::simd::pack_a_panels(w_expand.data(), shape.e, shape.c, shape.c, V::kRows, packed_rows.data());
        for (int64_t m = 0; m < shape.e; ++m) {
          for (int64_t c = 0; c < shape.c; ++c) transposed[c * shape.e + m] = w_expand[m * shape.c + c];
        }
        rt::simd::pack_b_panels(transposed.data(), shape.c, shape.e, 2 * V::kLanes, packed_cols.data());
        const rt::simd::Activation relu6{0.0f, 6.0f};
        const bool interleaved = rt::simd::interleaved_fits(d, V::kLanes) && rt::simd::interleaved_pays(d);
        auto separate = [&]<int kK>() {
          rt::simd::GemmArgs g;
          g.m = shape.e;
          g.n = hw;
          g.k = shape.c;
          g.a = packed_rows.data();
          g.lda = shape.c;
          g.a_packed = true;
          g.b = x.data();
          g.ldb = hw;
          g.c = expanded.data();
          g.ldc = hw;
          g.bias_row = b_expand.data();
          g.act = relu6;
          rt::simd::gemm_f32<V>(g);
          for (int64_t c0 = 0; c0 < shape.e; c0 += interleaved ? V::kLanes : 1) {
            if (interleaved) {
              rt::simd::depthwise_interleaved_block<V, kK>(d, std::min<int64_t>(V::kLanes, shape.e - c0), expanded.data() + c0 * hw,
                                                           k.data() + c0 * kK * kK, bias.data() + c0, relu6, y.data() + c0 * d.oh * d.ow);
            } else {
              rt::simd::depthwise_any_plane<V, kK>(d, expanded.data() + c0 * hw, k.data() + c0 * kK * kK, bias[c0], relu6,
                                                   y.data() + c0 * d.oh * d.ow);
            }
          }
        };
        double seconds = 0;
        for (auto _ : state) {
          const double start = thread_seconds();
          if (fused) {
            rt::simd::expand_depthwise_rows<V>(s, x.data(), packed_cols.data(), b_expand.data(), relu6, k.data(), bias.data(), relu6, 0, d.oh,
                                               y.data());
          } else if (d.kh == 3) {
            separate.template operator()<3>();
          } else {
            separate.template operator()<5>();
          }
          benchmark::ClobberMemory();
          const double elapsed = thread_seconds() - start;
          state.SetIterationTime(elapsed);
          seconds += elapsed;
        }
        report_rate(state, 2.0 * static_cast<double>(shape.e * (hw * shape.c + d.oh * d.ow * d.kh * d.kw)), seconds, peak);
        state.counters["selected"] = fused == rt::simd::expand_depthwise_pays(s);
      })->UseManualTime();
    }
  }
}

}  // namespace ingot::bench
