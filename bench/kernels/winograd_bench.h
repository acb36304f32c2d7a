// Google Benchmark of conv.winograd (runtime-stub/kernels/simd/
// conv_winograd_f32.h) for one ISA against conv.im2col_packed on the same
// 3x3 stride-1 layers, registered in pairs so that each comparison runs
// back to back: resnet18's four stages, squeezenet1_1's expand3x3 convs,
// and the small-channel and small-plane cases where the selection rule
// (compiler/kernel_variants.cc) says Winograd does not pay. GFLOP/s count
// the direct convolution's 2 * K * C * 9 * H * W for both, so that they
// compare (Winograd does a quarter of those multiplications); "share" is
// that rate over the FMA peak of gemm_bench.h.
#pragma once

#include <benchmark/benchmark.h>

#include <chrono>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "bench/kernels/gemm_bench.h"
#include "kernels/simd/conv_im2col_f32.h"
#include "kernels/simd/conv_winograd_f32.h"

namespace ingot::bench {

struct Conv3x3Shape {
  const char* name;
  int64_t c, k, h;  // input channels, outputs, square plane; padding 1
};

inline const std::vector<Conv3x3Shape>& conv3x3_shapes() {
  static const std::vector<Conv3x3Shape> shapes = {
      {"resnet18 3x3 64->64 @56", 64, 64, 56},      {"resnet18 3x3 128->128 @28", 128, 128, 28},
      {"resnet18 3x3 256->256 @14", 256, 256, 14},  {"resnet18 3x3 512->512 @7", 512, 512, 7},
      {"squeezenet 3x3 16->64 @55", 16, 64, 55},    {"squeezenet 3x3 32->128 @27", 32, 128, 27},
      {"squeezenet 3x3 48->192 @13", 48, 192, 13},  {"squeezenet 3x3 64->256 @13", 64, 256, 13},
      {"small 3x3 8->8 @56", 8, 8, 56},             {"small 3x3 16->16 @56", 16, 16, 56},
      {"small 3x3 64->64 @4", 64, 64, 4},           {"small 3x3 128->128 @8", 128, 128, 8},
  };
  return shapes;
}

template <typename V>
void register_winograd_benchmarks(const std::string& isa) {
  static const double peak = fma_peak_gflops<V>();
  for (const Conv3x3Shape& shape : conv3x3_shapes()) {
    for (const bool winograd : {true, false}) {
      const std::string family = winograd ? "conv.winograd.f32." : "conv.im2col_packed.f32.";
      benchmark::RegisterBenchmark((family + isa + "/" + shape.name).c_str(), [shape, winograd](benchmark::State& state) {
        std::mt19937 random(1);
        std::normal_distribution<float> normal;
        const int64_t c = shape.c, k = shape.k, h = shape.h;
        std::vector<float> x(static_cast<size_t>(c * h * h)), w(static_cast<size_t>(k * c * 9)), bias(static_cast<size_t>(k)),
            y(static_cast<size_t>(k * h * h));
        for (float& v : x) v = normal(random);
        for (float& v : w) v = normal(random);
        for (float& v : bias) v = normal(random);
        std::vector<float> packed(static_cast<size_t>(k * c * (winograd ? rt::simd::kWinoPoints : 9)));
        if (winograd) {
          rt::simd::winograd_transform_weights(w.data(), k, c, V::kRows, packed.data());
        } else {
          rt::simd::pack_conv_weights(w.data(), 1, k, c * 9, V::kRows, packed.data());
        }
        const rt::simd::Activation relu{0.0f, std::numeric_limits<float>::infinity()};
        rt::simd::Im2colShape s{};
        s.c = c, s.m = k, s.h = s.w = h, s.kh = s.kw = 3, s.sh = s.sw = s.dh = s.dw = 1, s.pt = s.pl = 1, s.oh = s.ow = h;
        const rt::simd::WinoShape ws = rt::simd::wino_shape<V>(c, h, h, k, h, h, 1, 1, 1, 1);
        double seconds = 0;
        for (auto _ : state) {
          const auto start = std::chrono::steady_clock::now();
          // One image on one thread, as the kernels run it.
          if (winograd) {
            rt::simd::conv_winograd_run<V>(ws, x.data(), packed.data(), bias.data(), relu, y.data(), 0, ws.blocks * ws.parts);
          } else {
            const int64_t chunk = rt::simd::im2col_chunk<V>(s, 1, 1, 1);
            rt::simd::conv_im2col_run<V>(s, chunk, 1, x.data(), packed.data(), bias.data(), relu, y.data(), 0,
                                         rt::simd::im2col_chunks<V>(s, 1, 1, chunk), true);
          }
          benchmark::ClobberMemory();
          const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
          state.SetIterationTime(elapsed);
          seconds += elapsed;
        }
        report_rate(state, 2.0 * static_cast<double>(k * c * 9 * h * h), seconds, peak);
      })->UseManualTime();
    }
  }
}

}  // namespace ingot::bench
