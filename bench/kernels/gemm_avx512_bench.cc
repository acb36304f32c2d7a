// The GEMM, convolution, depthwise and max pool families with AVX-512. Built with -mavx512f.
#include "bench/kernels/conv_bench.h"
#include "bench/kernels/depthwise_bench.h"
#include "bench/kernels/expand_depthwise_bench.h"
#include "bench/kernels/gemm_bench.h"
#include "bench/kernels/pool_bench.h"
#include "bench/kernels/winograd_bench.h"
#include "kernels/x86/vec_avx512.h"

namespace ingot::bench {

void register_avx512() {
  register_gemm_benchmarks<rt::x86::Avx512>("avx512");
  register_conv_benchmarks<rt::x86::Avx512>("avx512");
  register_gemm_benchmarks<rt::x86::Avx512>("avx512", true);
  register_conv_benchmarks<rt::x86::Avx512>("avx512", true);
  register_winograd_benchmarks<rt::x86::Avx512>("avx512");
  register_depthwise_benchmarks<rt::x86::Avx512>("avx512");
  register_expand_depthwise_benchmarks<rt::x86::Avx512>("avx512");
  register_max_pool_benchmarks<rt::x86::Avx512>("avx512");
}

}  // namespace ingot::bench
