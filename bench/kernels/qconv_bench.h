// Google Benchmark of the AVX2 integer convolution (runtime-stub/kernels/
// x86/qconv_im2col_avx2.h) on the shapes of conv_bench.h (resnet18's 3x3
// layers, stems, a grouped conv) plus mobilenet_v2's pointwise layers and
// a depthwise 3x3: u8 activations, i8 per-channel weights, u8 output, one
// image on one thread. qconv.im2col_w7 runs the same shapes on the u8 x i8
// GEMM of qgemm_w7_avx2.h with 7-bit weights ([-63, 63]). The depthwise
// shapes run on qconv.depthwise (plane at a time) and
// qconv.depthwise_interleaved (16 channels in the lanes). The counters of report_rate: "GFLOP/s" here counts
// integer ops (two per multiply-add, as the f32 benchmarks count FLOPs), and
// "peak" / "share" compare them with this core's fp32 FMA peak.
#pragma once

#include <benchmark/benchmark.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "bench/kernels/conv_bench.h"
#include "bench/kernels/gemm_bench.h"
#include "kernels/x86/qconv_depthwise_avx2.h"
#include "kernels/x86/qconv_depthwise_interleaved_avx2.h"
#include "kernels/x86/qconv_im2col_avx2.h"
#include "kernels/x86/vec_avx2.h"

namespace ingot::bench {

inline std::vector<ConvShape> qconv_shapes() {
  std::vector<ConvShape> shapes = conv_shapes();
  shapes.push_back({"mobilenet_v2 pw 16->96 @112", 16, 96, 112, 1, 1, 0, 1});
  shapes.push_back({"mobilenet_v2 pw 144->24 @56", 144, 24, 56, 1, 1, 0, 1});
  shapes.push_back({"mobilenet_v2 pw 960->160 @7", 960, 160, 7, 1, 1, 0, 1});
  shapes.push_back({"mobilenet_v2 dw 3x3 144 @56", 144, 144, 56, 3, 1, 1, 144});
  shapes.push_back({"mobilenet_v2 dw 3x3/2 96 @112", 96, 96, 112, 3, 2, 1, 96});
  shapes.push_back({"mobilenet_v2 dw 3x3 960 @7", 960, 960, 7, 3, 1, 1, 960});
  shapes.push_back({"mobilenet_v2 dw 3x3 32 @112", 32, 32, 112, 3, 1, 1, 32});
  shapes.push_back({"mobilenet_v2 dw 3x3 192 @28", 192, 192, 28, 3, 1, 1, 192});
  shapes.push_back({"mobilenet_v2 dw 3x3 576 @14", 576, 576, 14, 3, 1, 1, 576});
  shapes.push_back({"mobilenet_v2 dw 3x3/2 576 @14", 576, 576, 14, 3, 2, 1, 576});
  shapes.push_back({"efficientnet_b0 dw 5x5 240 @28", 240, 240, 28, 5, 1, 2, 240});
  return shapes;
}

enum class QconvKernel { im2col, im2col_w7, depthwise, depthwise_interleaved };

inline void register_qconv_benchmark(const ConvShape& shape, QconvKernel kernel) {
  static const double peak = fma_peak_gflops<rt::x86::Avx2>();
  const std::string family = kernel == QconvKernel::depthwise               ? "qconv.depthwise.u8.avx2/"
                             : kernel == QconvKernel::depthwise_interleaved ? "qconv.depthwise_interleaved.u8.avx2/"
                             : kernel == QconvKernel::im2col_w7 ? "qconv.im2col_w7.u8.avx2/"
                                                                : "qconv.im2col.u8.avx2/";
  benchmark::RegisterBenchmark((family + shape.name).c_str(), [shape, kernel](benchmark::State& state) {
    rt::x86::QconvShape s{};
    s.c = shape.c / shape.group;
    s.m = shape.m / shape.group;
    s.h = s.w = shape.h;
    s.kh = s.kw = shape.k;
    s.sh = s.sw = shape.stride;
    s.dh = s.dw = 1;
    s.pt = s.pl = shape.pad;
    s.oh = s.ow = (shape.h + 2 * shape.pad - shape.k) / shape.stride + 1;
    std::mt19937 random(1);
    const int w_max = kernel == QconvKernel::im2col_w7 ? 63 : 127;
    std::uniform_int_distribution<int> byte(0, 255), weight(-w_max, w_max), bias_value(-5000, 5000);
    std::vector<uint8_t> x(static_cast<size_t>(shape.c * shape.h * shape.h)), y(static_cast<size_t>(shape.m * s.oh * s.ow));
    std::vector<int8_t> w(static_cast<size_t>(shape.m * s.k()));
    std::vector<int32_t> bias(static_cast<size_t>(shape.m));
    for (uint8_t& v : x) v = static_cast<uint8_t>(byte(random));
    for (int8_t& v : w) v = static_cast<int8_t>(weight(random));
    for (int32_t& v : bias) v = bias_value(random);
    const std::vector<int64_t> multiplier(static_cast<size_t>(shape.m), int64_t{1} << 30);
    const std::vector<int64_t> shift(static_cast<size_t>(shape.m), -10);
    rt::Tensor tx, tw, tb, ty;
    tx.data = x.data();
    tx.dtype = rt::DType::u8;
    tw.data = w.data();
    tw.dtype = rt::DType::i8;
    tb.data = bias.data();
    tb.dtype = rt::DType::i32;
    ty.data = y.data();
    ty.dtype = rt::DType::u8;
    rt::portable::QconvOperands ops{&tx, &tw, &tb, &ty, 128, {}, {}};
    ops.requant.enabled = true;
    ops.requant.multiplier = {multiplier.data(), multiplier.size()};
    ops.requant.shift = {shift.data(), shift.size()};
    ops.requant.zero_point = 0;
    ops.requant.lo = 0;
    ops.requant.hi = 255;
    const int64_t items = kernel == QconvKernel::im2col_w7 ? rt::x86::qconv_items<rt::x86::RawQuads>(s, 1, shape.group)
                                                            : rt::x86::qconv_items<rt::x86::CentredPairs>(s, 1, shape.group);
    double seconds = 0;
    for (auto _ : state) {
      const auto start = std::chrono::steady_clock::now();
      if (kernel == QconvKernel::depthwise) {
        const rt::simd::QdwShape d{s.h, s.w, s.oh, s.ow, s.kh, s.kw, s.sh, s.pt, s.pl};
        rt::simd::qdw_run<rt::x86::QdwChannelAvx2, uint8_t, int8_t, uint8_t>(d, shape.group, ops, 0, shape.group);
      } else if (kernel == QconvKernel::depthwise_interleaved) {
        const rt::simd::QdwShape d{s.h, s.w, s.oh, s.ow, s.kh, s.kw, s.sh, s.pt, s.pl};
        rt::simd::QdwiParams params;
        for (int64_t c0 = 0; c0 < shape.group; c0 += rt::simd::kQdwiLanes) {
          rt::simd::qdwi_run_block<rt::x86::QdwiAvx2, uint8_t, int8_t, uint8_t>(d, shape.group, ops, 0, c0, &params);
        }
      } else if (kernel == QconvKernel::im2col_w7) {
        rt::x86::qconv_im2col_run<uint8_t, int8_t, uint8_t, rt::x86::RawQuads>(s, shape.group, ops, 0, items);
      } else {
        rt::x86::qconv_im2col_run<uint8_t, int8_t, uint8_t>(s, shape.group, ops, 0, items);
      }
      benchmark::ClobberMemory();
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      state.SetIterationTime(elapsed);
      seconds += elapsed;
    }
    report_rate(state, 2.0 * static_cast<double>(shape.m * s.k() * s.oh * s.ow), seconds, peak);
  })->UseManualTime();
}

inline void register_qconv_benchmarks() {
  for (const ConvShape& shape : qconv_shapes()) {
    register_qconv_benchmark(shape, QconvKernel::im2col);
    register_qconv_benchmark(shape, QconvKernel::im2col_w7);
    if (shape.group == shape.c && shape.c == shape.m) {
      register_qconv_benchmark(shape, QconvKernel::depthwise);
      register_qconv_benchmark(shape, QconvKernel::depthwise_interleaved);
    }
  }
}

}  // namespace ingot::bench
