// The GEMM, convolution, depthwise and max pool families with AVX2 + FMA, and the int8 convolution. Built with -mavx2 -mfma.
#include "bench/kernels/conv_bench.h"
#include "bench/kernels/conv_direct_bench.h"
#include "bench/kernels/depthwise_bench.h"
#include "bench/kernels/expand_depthwise_bench.h"
#include "bench/kernels/gemm_bench.h"
#include "bench/kernels/pool_bench.h"
#include "bench/kernels/qconv_bench.h"
#include "bench/kernels/winograd_bench.h"
#include "kernels/x86/vec_avx2.h"

namespace ingot::bench {

void register_avx2() {
  register_gemm_benchmarks<rt::x86::Avx2>("avx2");
  register_conv_benchmarks<rt::x86::Avx2>("avx2");
  register_gemm_benchmarks<rt::x86::Avx2>("avx2", true);
  register_conv_benchmarks<rt::x86::Avx2>("avx2", true);
  register_conv_direct_benchmarks<rt::x86::Avx2>("avx2");
  register_winograd_benchmarks<rt::x86::Avx2>("avx2");
  register_depthwise_benchmarks<rt::x86::Avx2>("avx2");
  register_expand_depthwise_benchmarks<rt::x86::Avx2>("avx2");
  register_max_pool_benchmarks<rt::x86::Avx2>("avx2");
  register_qconv_benchmarks();
}

}  // namespace ingot::bench
