// The integer qadd variants (qadd.*.u8|i8.ISA) against qadd.portable,
// output byte for byte: sizes below, at and past a vector of 16 and a
// thread block, u8 and i8 operands and outputs, random rescales, every
// operand shift from -31 to 0, and clamps.
#include <gtest/gtest.h>

#include <climits>
#include <random>
#include <string>
#include <vector>

#include "ingot/thread_pool.h"
#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/simd_variants.h"

namespace ingot::rt {
namespace {
namespace simd_qadd {  // the unity build puts several test files in one unit

using testing::KernelTester;
using testing::SimdVariant;

std::vector<SimdVariant> qadd_variants() {
  std::vector<SimdVariant> variants;
  for (const char* dtype : {"u8", "i8"}) {
    for (SimdVariant& v : testing::simd_variants("qadd", "", nullptr, dtype)) variants.push_back(std::move(v));
  }
  return variants;
}

struct QaddCase {
  int64_t n;
  bool signed_a, signed_b;
  int64_t a_multiplier, a_shift, b_multiplier, b_shift, multiplier, shift;
  int clamp;  // 0 none, 1 relu, 2 clip
};

std::vector<uint8_t> run_qadd(const std::string& kernel, const std::string& y_dtype, const QaddCase& k, uint32_t seed,
                              ThreadPool* pool = nullptr) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> byte(0, 255);
  std::vector<uint8_t> a(static_cast<size_t>(k.n)), b(static_cast<size_t>(k.n));
  for (uint8_t& v : a) v = static_cast<uint8_t>(byte(rng));
  for (uint8_t& v : b) v = static_cast<uint8_t>(byte(rng));
  KernelTester t;
  t.input_bytes(k.signed_a ? DType::i8 : DType::u8, {1, k.n}, a).input_bytes(k.signed_b ? DType::i8 : DType::u8, {1, k.n}, b);
  const bool signed_y = y_dtype == "i8";
  t.output(signed_y ? DType::i8 : DType::u8, {1, k.n});
  const int64_t a_zp = byte(rng) - (k.signed_a ? 128 : 0), b_zp = byte(rng) - (k.signed_b ? 128 : 0);
  const int64_t y_zp = byte(rng) / 2 + 64 - (signed_y ? 128 : 0);
  t.attr("a_zero_point", a_zp).attr("b_zero_point", b_zp).attr("y_zero_point", y_zp);
  t.attr("a_multiplier", std::vector<int64_t>{k.a_multiplier}).attr("a_shift", std::vector<int64_t>{k.a_shift});
  t.attr("b_multiplier", std::vector<int64_t>{k.b_multiplier}).attr("b_shift", std::vector<int64_t>{k.b_shift});
  t.attr("multiplier", std::vector<int64_t>{k.multiplier}).attr("shift", std::vector<int64_t>{k.shift});
  if (k.clamp == 1) t.attr("y_min", y_zp);
  if (k.clamp == 2) t.attr("y_min", y_zp - 40).attr("y_max", y_zp + 35);
  if (pool != nullptr) t.on_threads(pool);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_bytes();
}

TEST(SimdQaddKernels, MatchThePortableKernelExactly) {
  const std::vector<SimdVariant> variants = qadd_variants();
  if (variants.empty()) GTEST_SKIP() << "no qadd variant this CPU can run";
  std::mt19937 rng(11);
  std::uniform_int_distribution<int64_t> multiplier(int64_t{1} << 30, INT_MAX);
  uint32_t seed = 1;
  for (int64_t n : {1, 7, 15, 16, 17, 33, 100, 1000, 4099}) {
    for (int shift = -31; shift <= 0; shift += 3, ++seed) {
      // Rescales below 1 for the operands, the output's around 2^-20 (their
      // common scale over y's, undoing the left shift of 20).
      const QaddCase k{n, (seed & 1) != 0, (seed & 2) != 0, multiplier(rng), shift, multiplier(rng), std::max(-31, shift - 2),
                       multiplier(rng), -20 + static_cast<int64_t>(seed % 6), static_cast<int>(seed % 3)};
      for (const SimdVariant& v : variants) {
        EXPECT_EQ(run_qadd(v.name, v.dtype, k, seed), run_qadd("qadd.portable", v.dtype, k, seed))
            << v.name << " n=" << n << " shifts " << k.a_shift << "," << k.b_shift << "," << k.shift;
      }
    }
  }
  // Multipliers at their ends, and on threads.
  ThreadPool pool(3);
  for (const SimdVariant& v : variants) {
    const QaddCase edges{1001, false, true, 0, 0, INT_MAX, -1, INT_MAX, -19, 1};
    EXPECT_EQ(run_qadd(v.name, v.dtype, edges, 3, &pool), run_qadd("qadd.portable", v.dtype, edges, 3)) << v.name;
    const QaddCase saturating{300, true, false, int64_t{1} << 30, 0, INT_MAX, 0, INT_MAX, 0, 0};
    EXPECT_EQ(run_qadd(v.name, v.dtype, saturating, 4), run_qadd("qadd.portable", v.dtype, saturating, 4)) << v.name;
  }
}

TEST(SimdQaddKernels, RefuseBroadcastOperands) {
  for (const SimdVariant& v : qadd_variants()) {
    KernelTester t;
    t.input<uint8_t>({2, 3}, {1, 2, 3, 4, 5, 6}).input<uint8_t>({1, 3}, {1, 2, 3});
    t.output(v.dtype == "i8" ? DType::i8 : DType::u8, {2, 3});
    t.attr("a_multiplier", std::vector<int64_t>{1 << 30}).attr("a_shift", std::vector<int64_t>{0});
    t.attr("b_multiplier", std::vector<int64_t>{1 << 30}).attr("b_shift", std::vector<int64_t>{0});
    t.attr("multiplier", std::vector<int64_t>{1 << 30}).attr("shift", std::vector<int64_t>{-20});
    EXPECT_EQ(t.run(v.name.c_str()), Error::kernel_failed) << v.name;
  }
}

}  // namespace simd_qadd
}  // namespace
}  // namespace ingot::rt
