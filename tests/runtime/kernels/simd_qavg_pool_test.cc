// The integer average pool variants (qavg_pool.global.u8|i8.ISA) against
// qavg_pool.portable, byte for byte: global windows over planes shorter
// than, as long as and longer than one vector (with and without a tail),
// 1x1 and 1-D planes, several images; zero points, multipliers, shifts and
// clamps drawn per case, half the inputs at the ends of their range. And
// what they refuse: windows that are not the whole unpadded plane.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "ingot/thread_pool.h"
#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/simd_variants.h"

namespace ingot::rt {
namespace {
namespace simd_qavg_pool {  // the unity build puts several test files in one unit

using testing::KernelTester;
using testing::SimdVariant;
using Ints = std::vector<int64_t>;

std::vector<SimdVariant> qavg_pool_variants() {
  std::vector<SimdVariant> variants;
  for (const char* dtype : {"u8", "i8"}) {
    for (SimdVariant& v : testing::simd_variants("qavg_pool", "", nullptr, dtype)) variants.push_back(std::move(v));
  }
  return variants;
}

struct Pool {
  Ints shape, kernel, pads, y_shape;
};

// The output bytes of `kernel` on x of `dtype` drawn from `seed`.
std::vector<uint8_t> run_pool(const std::string& kernel, DType dtype, const Pool& p, uint32_t seed, ThreadPool* pool = nullptr) {
  std::mt19937 rng(seed);
  int64_t n = 1;
  for (int64_t d : p.shape) n *= d;
  std::vector<uint8_t> x(static_cast<size_t>(n));
  std::uniform_int_distribution<int> byte(0, 255), coin(0, 3);
  for (uint8_t& v : x) v = static_cast<uint8_t>(coin(rng) == 0 ? 0 : coin(rng) == 1 ? 255 : byte(rng));
  const bool is_signed = dtype == DType::i8;
  const int64_t lo = is_signed ? -128 : 0;
  std::uniform_int_distribution<int64_t> zero_point(lo, lo + 255), multiplier(int64_t{1} << 30, (int64_t{1} << 31) - 1), shift(-12, 1);
  const int64_t y_zero_point = zero_point(rng);
  KernelTester t;
  t.input_bytes(dtype, p.shape, x).output(dtype, p.y_shape);
  t.attr("kernel_shape", p.kernel).attr("strides", Ints(p.kernel.size(), 1)).attr("pads", p.pads);
  t.attr("dilations", Ints(p.kernel.size(), 1)).attr("ceil_mode", int64_t{0}).attr("count_include_pad", int64_t{seed % 2});
  t.attr("x_zero_point", zero_point(rng)).attr("multiplier", Ints{multiplier(rng)}).attr("shift", Ints{shift(rng)});
  t.attr("y_zero_point", y_zero_point).attr("y_dtype", is_signed ? "i8" : "u8");
  if (seed % 3 == 0) t.attr("y_min", y_zero_point);
  if (pool != nullptr) t.on_threads(pool);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_bytes();
}

TEST(SimdQavgPoolKernels, GlobalMatchesThePortableKernelExactly) {
  const std::vector<SimdVariant> variants = qavg_pool_variants();
  if (variants.empty()) GTEST_SKIP() << "no qavg_pool variant this CPU can run";
  const std::vector<Pool> pools{
      {{1, 64, 7, 7}, {7, 7}, {0, 0, 0, 0}, {1, 64, 1, 1}},      // mobilenet_v2's, 49 = 32 + 16 + 1
      {{2, 5, 4, 8}, {4, 8}, {0, 0, 0, 0}, {2, 5, 1, 1}},        // exactly one 32-byte block
      {{1, 3, 13, 17}, {13, 17}, {0, 0, 0, 0}, {1, 3, 1, 1}},    // several blocks and a tail
      {{1, 9, 1, 1}, {1, 1}, {0, 0, 0, 0}, {1, 9, 1, 1}},        // 1x1 planes
      {{2, 4, 37}, {37}, {0, 0}, {2, 4, 1}},                      // 1-D
      {{1, 2, 3, 100, 3}, {3, 100, 3}, {0, 0, 0, 0, 0, 0}, {1, 2, 1, 1, 1}},  // 3-D, 900 bytes
  };
  ThreadPool threads(2);
  uint32_t seed = 1;
  for (const SimdVariant& v : variants) {
    const DType dtype = v.dtype == "i8" ? DType::i8 : DType::u8;
    for (const Pool& p : pools) {
      for (int i = 0; i < 3; ++i, ++seed) {
        ThreadPool* on = i == 2 ? &threads : nullptr;
        EXPECT_EQ(run_pool(v.name, dtype, p, seed, on), run_pool("qavg_pool.portable", dtype, p, seed)) << v.name << " seed " << seed;
      }
    }
  }
}

TEST(SimdQavgPoolKernels, RefuseAWindowThatIsNotThePlane) {
  for (const SimdVariant& v : qavg_pool_variants()) {
    const DType dtype = v.dtype == "i8" ? DType::i8 : DType::u8;
    // A 3x3 window, and a padded global one.
    for (const Pool& p : {Pool{{1, 2, 5, 5}, {3, 3}, {0, 0, 0, 0}, {1, 2, 3, 3}}, Pool{{1, 2, 5, 5}, {5, 5}, {1, 1, 0, 0}, {1, 2, 2, 2}}}) {
      KernelTester t;
      t.input_bytes(dtype, p.shape, std::vector<uint8_t>(50, 7)).output(dtype, p.y_shape);
      t.attr("kernel_shape", p.kernel).attr("strides", Ints{1, 1}).attr("pads", p.pads).attr("dilations", Ints{1, 1});
      t.attr("x_zero_point", int64_t{0}).attr("multiplier", Ints{1 << 30}).attr("shift", Ints{-7});
      t.attr("y_dtype", v.dtype.c_str());
      EXPECT_EQ(t.run(v.name.c_str()), Error::kernel_failed) << v.name;
    }
  }
}

}  // namespace simd_qavg_pool
}  // namespace
}  // namespace ingot::rt
