// Google Benchmark of the f32 convolution family (runtime-stub/kernels/simd/
// conv_im2col_f32.h) for one ISA: resnet18's 3x3 layers, its stride-2 stem
// and downsampling conv, the 3x3 stride-2 stems of the mobile nets, and a
// grouped conv, in GFLOP/s and as a share of the FMA peak (gemm_bench.h's
// register-only loop), with wall-clock time as the GEMM benchmarks.
#pragma once

#include <benchmark/benchmark.h>

#include <chrono>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "bench/kernels/gemm_bench.h"
#include "kernels/simd/conv_im2col_f32.h"

namespace ingot::bench {

struct ConvShape {
  const char* name;
  int64_t c, m, h, k, stride, pad, group;
};

inline const std::vector<ConvShape>& conv_shapes() {
  static const std::vector<ConvShape> shapes = {
      {"resnet18 stem 7x7/2 3->64 @224", 3, 64, 224, 7, 2, 3, 1},
      {"resnet18 3x3 64->64 @56", 64, 64, 56, 3, 1, 1, 1},
      {"resnet18 3x3/2 64->128 @56", 64, 128, 56, 3, 2, 1, 1},
      {"resnet18 3x3 128->128 @28", 128, 128, 28, 3, 1, 1, 1},
      {"resnet18 3x3 256->256 @14", 256, 256, 14, 3, 1, 1, 1},
      {"resnet18 3x3 512->512 @7", 512, 512, 7, 3, 1, 1, 1},
      {"mobilenet stem 3x3/2 3->32 @224", 3, 32, 224, 3, 2, 1, 1},
      {"squeezenet stem 3x3/2 3->64 @224", 3, 64, 224, 3, 2, 0, 1},
      {"shufflenet stem 3x3/2 3->24 @224", 3, 24, 224, 3, 2, 1, 1},
      {"grouped 3x3 g=8 128->128 @28", 128, 128, 28, 3, 1, 1, 8},
  };
  return shapes;
}

// packed: the weights in the compiler's row panels (conv.im2col_packed).
template <typename V>
void register_conv_benchmarks(const std::string& isa, bool packed = false) {
  static const double peak = fma_peak_gflops<V>();
  for (const ConvShape& shape : conv_shapes()) {
    const std::string family = packed ? "conv.im2col_packed.f32." : "conv.im2col.f32.";
    benchmark::RegisterBenchmark((family + isa + "/" + shape.name).c_str(), [shape, packed](benchmark::State& state) {
      rt::simd::Im2colShape s{};
      s.c = shape.c / shape.group;
      s.m = shape.m / shape.group;
      s.h = s.w = shape.h;
      s.kh = s.kw = shape.k;
      s.sh = s.sw = shape.stride;
      s.dh = s.dw = 1;
      s.pt = s.pl = shape.pad;
      s.oh = s.ow = (shape.h + 2 * shape.pad - shape.k) / shape.stride + 1;
      std::mt19937 random(1);
      std::normal_distribution<float> normal;
      std::vector<float> x(static_cast<size_t>(shape.c * shape.h * shape.h)), w(static_cast<size_t>(shape.m * s.c * s.kh * s.kw)),
          bias(static_cast<size_t>(shape.m)), y(static_cast<size_t>(shape.m * s.oh * s.ow));
      for (float& v : x) v = normal(random);
      for (float& v : w) v = normal(random);
      for (float& v : bias) v = normal(random);
      if (packed) {
        const std::vector<float> plain = w;
        rt::simd::pack_conv_weights(plain.data(), shape.group, s.m, s.c * s.kh * s.kw, V::kRows, w.data());
      }
      const rt::simd::Activation relu{0.0f, std::numeric_limits<float>::infinity()};
      double seconds = 0;
      for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        // One image on one thread, as conv_im2col_f32 runs it.
        const int64_t chunk = rt::simd::im2col_chunk<V>(s, 1, shape.group, 1);
        rt::simd::conv_im2col_run<V>(s, chunk, shape.group, x.data(), w.data(), bias.data(), relu, y.data(), 0,
                                     rt::simd::im2col_chunks<V>(s, 1, shape.group, chunk), packed);
        benchmark::ClobberMemory();
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        state.SetIterationTime(elapsed);
        seconds += elapsed;
      }
      report_rate(state, 2.0 * static_cast<double>(shape.m * s.c * s.kh * s.kw * s.oh * s.ow), seconds, peak);
    })->UseManualTime();
  }
}

}  // namespace ingot::bench
