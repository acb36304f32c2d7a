// The quantize and dequantize variants (quantize.vec.u8|i8.ISA,
// dequantize.vec.f32.ISA) against the portable kernels, byte for byte:
// ties (half to even), values past the range, NaN and infinities, sizes
// below, at and past a vector, with and without a zero point.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/simd_variants.h"

namespace ingot::rt {
namespace {
namespace simd_quantize {  // the unity build puts several test files in one unit

using testing::KernelTester;
using testing::SimdVariant;

// Values on and between the steps of `scale`, ties, far outside the range, NaN, infinities.
std::vector<float> awkward_values(int64_t n, float scale, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> wide(-300.0f, 300.0f);
  std::vector<float> values(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    const float step = std::round(wide(rng));
    switch (i % 7) {
      case 0: values[i] = (step + 0.5f) * scale; break;  // a tie
      case 1: values[i] = step * scale; break;
      case 2: values[i] = wide(rng) * scale; break;
      case 3: values[i] = wide(rng) * scale * 1e6f; break;
      case 4: values[i] = i % 3 == 0 ? std::numeric_limits<float>::quiet_NaN() : i % 3 == 1 ? INFINITY : -INFINITY; break;
      default: values[i] = wide(rng) * scale * 0.1f; break;
    }
  }
  return values;
}

std::vector<uint8_t> run_quantize(const std::string& kernel, DType y, int64_t n, float scale, int64_t zero_point, bool with_zp) {
  KernelTester t;
  t.input<float>({n}, awkward_values(n, scale, static_cast<uint32_t>(n))).input<float>({}, {scale});
  if (with_zp) {
    if (y == DType::u8) t.input<uint8_t>({}, {static_cast<uint8_t>(zero_point)});
    else t.input<int8_t>({}, {static_cast<int8_t>(zero_point)});
  }
  t.output(y, {n});
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_bytes();
}

TEST(SimdQuantizeKernels, QuantizeMatchesThePortableKernelExactly) {
  std::vector<SimdVariant> variants;
  for (const char* dtype : {"u8", "i8"}) {
    for (SimdVariant& v : testing::simd_variants("quantize", "", nullptr, dtype)) variants.push_back(std::move(v));
  }
  if (variants.empty()) GTEST_SKIP() << "no quantize variant this CPU can run";
  for (const SimdVariant& v : variants) {
    const DType y = v.dtype == "i8" ? DType::i8 : DType::u8;
    for (int64_t n : {1, 7, 15, 16, 17, 100, 1001}) {
      for (float scale : {0.0173f, 1.0f, 0.5f, 3.0e-5f}) {
        const int64_t zp = y == DType::i8 ? -5 : 131;
        EXPECT_EQ(run_quantize(v.name, y, n, scale, zp, true), run_quantize("quantize.portable", y, n, scale, zp, true))
            << v.name << " n=" << n << " scale=" << scale;
        if (y == DType::u8) {
          EXPECT_EQ(run_quantize(v.name, y, n, scale, 0, false), run_quantize("quantize.portable", y, n, scale, 0, false))
              << v.name << " n=" << n << " scale=" << scale << " without a zero point";
        }
      }
    }
  }
}

std::vector<uint8_t> run_dequantize(const std::string& kernel, DType x, int64_t n, float scale, int64_t zero_point) {
  std::vector<uint8_t> bytes(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) bytes[i] = static_cast<uint8_t>(i * 37 + 11);
  KernelTester t;
  t.input_bytes(x, {n}, bytes).input<float>({}, {scale});
  if (x == DType::u8) t.input<uint8_t>({}, {static_cast<uint8_t>(zero_point)});
  else t.input<int8_t>({}, {static_cast<int8_t>(zero_point)});
  t.output<float>({n});
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_bytes();
}

TEST(SimdQuantizeKernels, DequantizeMatchesThePortableKernelExactly) {
  const std::vector<SimdVariant> variants = testing::simd_variants("dequantize", "vec");
  if (variants.empty()) GTEST_SKIP() << "no dequantize variant this CPU can run";
  for (const SimdVariant& v : variants) {
    for (DType x : {DType::u8, DType::i8}) {
      for (int64_t n : {1, 7, 8, 9, 300}) {
        for (float scale : {0.0173f, 0.1f, 3.0e-5f}) {
          const int64_t zp = x == DType::i8 ? -9 : 140;
          EXPECT_EQ(run_dequantize(v.name, x, n, scale, zp), run_dequantize("dequantize.portable", x, n, scale, zp))
              << v.name << " n=" << n << " scale=" << scale;
        }
      }
    }
  }
}

// i32 sums past 2^24 (rounded to f32 on the way), scales per column or one
// for the tensor, rows shorter and longer than a vector.
TEST(SimdQuantizeKernels, DequantizeI32AlongTheLastAxisMatchesThePortableKernelExactly) {
  const std::vector<SimdVariant> variants = testing::simd_variants("dequantize", "axis");
  if (variants.empty()) GTEST_SKIP() << "no dequantize.axis variant this CPU can run";
  std::mt19937 rng(5);
  for (const SimdVariant& v : variants) {
    for (auto [rows, n] : std::vector<std::array<int64_t, 2>>{{1, 1}, {3, 7}, {2, 8}, {5, 19}, {4, 768}}) {
      std::vector<int32_t> sums(static_cast<size_t>(rows * n));
      for (int32_t& x : sums) x = static_cast<int32_t>(rng());
      std::vector<float> scales(static_cast<size_t>(n));
      for (float& x : scales) x = std::ldexp(static_cast<float>(rng() % 1000 + 1), -20);
      for (bool per_column : {true, false}) {
        auto run = [&](const std::string& kernel) {
          KernelTester t;
          t.input<int32_t>({rows, n}, sums);
          if (per_column) t.input<float>({n}, scales).attr("axis", int64_t{1});
          else t.input<float>({}, {scales[0]});
          t.output<float>({rows, n});
          EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
          return t.output_bytes();
        };
        EXPECT_EQ(run(v.name), run("dequantize.portable")) << v.name << " " << rows << "x" << n << (per_column ? " per column" : "");
      }
    }
    KernelTester zero_point;  // a zero point is not this variant's
    zero_point.input<int32_t>({2}, {1, 2}).input<float>({}, {0.5f}).input<int32_t>({}, {1}).output<float>({2});
    EXPECT_EQ(zero_point.run(v.name.c_str()), Error::kernel_failed) << v.name;
  }
}

}  // namespace simd_quantize
}  // namespace
}  // namespace ingot::rt
