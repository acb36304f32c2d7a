// The quantize and dequantize variants (quantize.vec.u8|i8.ISA,
// dequantize.vec.f32.ISA) against the portable kernels, byte for byte:
// ties (half to even), values past the range, NaN and infinities, sizes
// below, at and past a vector, with and without a zero point.
#include <gtest/gtest.h>

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
  const std::vector<SimdVariant> variants = testing::simd_variants("dequantize", "");
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

}  // namespace simd_quantize
}  // namespace
}  // namespace ingot::rt
