// The 8-bit max_pool variants (max_pool.window.u8|i8.ISA) against
// max_pool.portable, byte for byte: squeezenet's 3x3 stride-2 ceil-mode
// pool, padding on either side, dilation, rows narrower and wider than a
// vector of 32, and windows mostly in the padding.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "ingot/thread_pool.h"
#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/simd_variants.h"

namespace ingot::rt {
namespace {
namespace simd_max_pool_8bit {  // the unity build puts several test files in one unit

using testing::KernelTester;
using testing::SimdVariant;

struct PoolCase {
  int64_t n, c, h, w, kh, kw, sh, sw, pt, pl, pb, pr, dh, dw, oh, ow;
  bool ceil_mode;
};

std::vector<uint8_t> run_pool(const std::string& kernel, DType dtype, const PoolCase& k, ThreadPool* pool = nullptr) {
  std::mt19937 rng(static_cast<uint32_t>(k.h * 131 + k.w));
  std::vector<uint8_t> x(static_cast<size_t>(k.n * k.c * k.h * k.w));
  for (uint8_t& v : x) v = static_cast<uint8_t>(rng());
  KernelTester t;
  t.input_bytes(dtype, {k.n, k.c, k.h, k.w}, x).output(dtype, {k.n, k.c, k.oh, k.ow});
  t.attr("kernel_shape", std::vector<int64_t>{k.kh, k.kw}).attr("strides", std::vector<int64_t>{k.sh, k.sw});
  t.attr("pads", std::vector<int64_t>{k.pt, k.pl, k.pb, k.pr}).attr("dilations", std::vector<int64_t>{k.dh, k.dw});
  t.attr("ceil_mode", int64_t{k.ceil_mode ? 1 : 0});
  if (pool != nullptr) t.on_threads(pool);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_bytes();
}

TEST(SimdMaxPool8bitKernels, MatchThePortableKernelExactly) {
  std::vector<SimdVariant> variants;
  for (const char* dtype : {"u8", "i8"}) {
    for (SimdVariant& v : testing::simd_variants("max_pool", "", nullptr, dtype)) variants.push_back(std::move(v));
  }
  if (variants.empty()) GTEST_SKIP() << "no 8-bit max_pool variant this CPU can run";
  const std::vector<PoolCase> cases{
      // n c h w kh kw sh sw pt pl pb pr dh dw oh ow ceil
      {1, 3, 111, 111, 3, 3, 2, 2, 0, 0, 0, 0, 1, 1, 55, 55, true},
      {1, 2, 112, 113, 3, 3, 2, 2, 0, 0, 0, 0, 1, 1, 56, 56, true},  // ceil mode adds a window
      {2, 2, 16, 70, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 8, 35, false},
      {1, 4, 9, 33, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 9, 33, false},
      {1, 2, 10, 12, 3, 2, 2, 1, 0, 1, 2, 0, 2, 1, 4, 12, false},
      {1, 1, 3, 3, 3, 3, 1, 1, 2, 2, 2, 2, 1, 1, 5, 5, false},  // corner windows mostly padding
      {1, 5, 7, 7, 7, 7, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, false},
  };
  ThreadPool pool(2);
  for (const SimdVariant& v : variants) {
    const DType dtype = v.dtype == "i8" ? DType::i8 : DType::u8;
    for (const PoolCase& k : cases) {
      EXPECT_EQ(run_pool(v.name, dtype, k, &pool), run_pool("max_pool.portable", dtype, k))
          << v.name << " " << k.h << "x" << k.w << " k" << k.kh << "x" << k.kw << " s" << k.sh << "," << k.sw;
    }
  }
}

}  // namespace simd_max_pool_8bit
}  // namespace
}  // namespace ingot::rt
