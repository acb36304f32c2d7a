// The integer qmatmul variants (qmatmul.*.u8|i8|i32.ISA) against
// qmatmul.portable, output byte for byte (i32: the raw sums): one row (a classifier) and
// several (with batch dims), K odd and even, N below, at and past a vector of
// 16, u8/i8 operands, b zero points per column, per-column or per-tensor
// requantization, bias or not, clamps, threads.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "ingot/thread_pool.h"
#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/simd_variants.h"

namespace ingot::rt {
namespace {
namespace simd_qmatmul {  // the unity build puts several test files in one unit

using testing::KernelTester;
using testing::SimdVariant;

std::vector<uint8_t> random_bytes(std::mt19937& rng, int64_t n) {
  std::vector<uint8_t> bytes(static_cast<size_t>(n));
  for (uint8_t& v : bytes) v = static_cast<uint8_t>(rng());
  return bytes;
}

std::vector<uint8_t> run_qmatmul(const std::string& kernel, DType y, const std::vector<int64_t>& a_shape, int64_t n,
                                 uint32_t seed, ThreadPool* pool = nullptr) {
  std::mt19937 rng(seed);
  const int64_t k = a_shape.back();
  int64_t a_numel = 1;
  for (int64_t d : a_shape) a_numel *= d;
  const DType a_dtype = seed & 1 ? DType::i8 : DType::u8, b_dtype = seed & 2 ? DType::u8 : DType::i8;
  KernelTester t;
  t.input_bytes(a_dtype, a_shape, random_bytes(rng, a_numel)).input_bytes(b_dtype, {k, n}, random_bytes(rng, k * n));
  if (seed % 3 != 0) {
    std::vector<int32_t> bias(static_cast<size_t>(n));
    for (int32_t& v : bias) v = static_cast<int32_t>(rng() % 200001) - 100000;
    t.input<int32_t>({n}, bias);
  }
  std::vector<int64_t> y_shape = a_shape;
  y_shape.back() = n;
  t.output(y, y_shape);
  t.attr("a_zero_point", int64_t{a_dtype == DType::u8 ? 120 : -3});
  if (y == DType::i32) {  // the raw sums: no requantization attributes
    if (seed & 8 || b_dtype == DType::u8) t.attr("b_zero_point", std::vector<int64_t>{b_dtype == DType::u8 ? 131 : -2});
    if (pool != nullptr) t.on_threads(pool);
    EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
    return t.output_bytes();
  }
  const bool per_column = seed & 4;
  const int64_t entries = per_column ? n : 1;
  std::vector<int64_t> b_zero_points, multipliers, shifts;
  for (int64_t j = 0; j < entries; ++j) {
    b_zero_points.push_back(static_cast<int64_t>(rng() % 21) - 10 + (b_dtype == DType::u8 ? 128 : 0));
    multipliers.push_back((int64_t{1} << 30) + static_cast<int64_t>(rng() % (1u << 30)));
    shifts.push_back(-static_cast<int64_t>(rng() % 8) - 6);
  }
  if (seed & 8 || b_dtype == DType::u8) t.attr("b_zero_point", b_zero_points);
  t.attr("multiplier", multipliers).attr("shift", shifts);
  const int64_t y_zp = y == DType::u8 ? 100 : -4;
  t.attr("y_zero_point", y_zp);
  if (seed % 5 == 1) t.attr("y_min", y_zp);
  if (pool != nullptr) t.on_threads(pool);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_bytes();
}

TEST(SimdQmatmulKernels, MatchThePortableKernelExactly) {
  // Rows enough for several row panels and chunks of the tiled variant, K
  // odd and past its B block's 16-column fit, columns past one block.
  const std::vector<std::vector<int64_t>> a_shapes{{1, 1},     {1, 7},     {1, 64},      {3, 513}, {2, 3, 20},
                                                   {5, 1280},  {9, 40},    {2, 31, 67}};
  ThreadPool pool(3);
  uint32_t seed = 1;
  int tested = 0;
  for (const char* dtype : {"u8", "i8", "i32"}) {
    const std::vector<SimdVariant> variants = testing::simd_variants("qmatmul", "", nullptr, dtype);
    const DType y = std::string(dtype) == "i8" ? DType::i8 : std::string(dtype) == "i32" ? DType::i32 : DType::u8;
    tested += static_cast<int>(variants.size());
    for (const std::vector<int64_t>& a : a_shapes) {
      for (int64_t n : {1, 15, 16, 17, 40, 1000}) {
        for (int i = 0; i < 2 && !variants.empty(); ++i, ++seed) {
          const std::vector<uint8_t> expected = run_qmatmul("qmatmul.portable", y, a, n, seed);  // once for every variant
          for (const SimdVariant& v : variants) {
            EXPECT_EQ(run_qmatmul(v.name, y, a, n, seed, i == 1 ? &pool : nullptr), expected)
                << v.name << " k=" << a.back() << " n=" << n << " seed " << seed;
          }
        }
      }
    }
  }
  if (tested == 0) GTEST_SKIP() << "no qmatmul variant this CPU can run";
}

TEST(SimdQmatmulKernels, TheTiledVariantHoldsKUpToItsLimit) {
  std::vector<SimdVariant> tiled;
  for (SimdVariant& v : testing::simd_variants("qmatmul", "tiled", nullptr, "i32")) tiled.push_back(std::move(v));
  if (tiled.empty()) GTEST_SKIP() << "no qmatmul.tiled variant this CPU can run";
  for (const SimdVariant& v : tiled) {
    for (uint32_t seed : {1, 2}) {  // B blocks of 16 columns, the whole K
      EXPECT_EQ(run_qmatmul(v.name, DType::i32, {7, 4096}, 33, seed), run_qmatmul("qmatmul.portable", DType::i32, {7, 4096}, 33, seed))
          << v.name << " seed " << seed;
    }
  }
}

TEST(SimdQmatmulKernels, TheTiledVariantRefusesWhatItCannotHold) {
  std::vector<SimdVariant> tiled;
  for (SimdVariant& v : testing::simd_variants("qmatmul", "tiled", nullptr, "i32")) tiled.push_back(std::move(v));
  if (tiled.empty()) GTEST_SKIP() << "no qmatmul.tiled variant this CPU can run";
  for (const SimdVariant& v : tiled) {
    KernelTester long_k;  // K past the B block
    long_k.input_bytes(DType::u8, {4, 4097}, std::vector<uint8_t>(4 * 4097, 1)).input_bytes(DType::i8, {4097, 2}, std::vector<uint8_t>(2 * 4097, 1));
    long_k.output(DType::i32, {4, 2});
    EXPECT_EQ(long_k.run(v.name.c_str()), Error::kernel_failed) << v.name;
    KernelTester per_column;  // a zero point per column of b
    per_column.input_bytes(DType::u8, {4, 3}, std::vector<uint8_t>(12, 1)).input_bytes(DType::i8, {3, 2}, std::vector<uint8_t>(6, 1));
    per_column.output(DType::i32, {4, 2}).attr("b_zero_point", std::vector<int64_t>{1, 2});
    EXPECT_EQ(per_column.run(v.name.c_str()), Error::kernel_failed) << v.name;
  }
}

}  // namespace simd_qmatmul
}  // namespace
}  // namespace ingot::rt
