// The SIMD variants of add, sub, mul, div this build has (x86 or NEON:
// simd_variants.h) against the portable kernel: sizes below, at and above
// the vector widths (tails), scalar operands on either side, fused relu and
// clip, NaN, infinities and -0, and the result written in place over an
// operand. Bit-exact: the same IEEE operation per element; a fused silu
// exactly the ISA's standalone silu. Variants whose ISA this CPU lacks are
// skipped.
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/simd_variants.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

using testing::Activation;
using testing::SimdVariant;
using testing::set_activation;

// The elementwise variants ("vec") of add, sub, mul and div this CPU can run.
std::vector<SimdVariant> binary_variants(int* skipped = nullptr) {
  std::vector<SimdVariant> variants;
  for (const char* op : {"add", "sub", "mul", "div"}) {
    for (SimdVariant& v : testing::simd_variants(op, "vec", skipped)) variants.push_back(std::move(v));
  }
  return variants;
}

std::vector<float> awkward_values(int64_t n, uint32_t seed) {
  std::mt19937 random(seed);
  std::normal_distribution<float> normal(0, 4);
  std::vector<float> values(static_cast<size_t>(n));
  for (float& v : values) v = normal(random);
  if (n > 3) {
    values[1] = std::numeric_limits<float>::quiet_NaN();
    values[2] = std::numeric_limits<float>::infinity();
    values[3] = -0.0f;
  }
  return values;
}

// The bits of each value, any NaN as the same NaN.
std::vector<uint32_t> bits_of(const std::vector<float>& values) {
  std::vector<uint32_t> bits;
  for (float v : values) {
    uint32_t b32;
    std::memcpy(&b32, &v, 4);
    bits.push_back(std::isnan(v) ? 0x7fc00000u : b32);
  }
  return bits;
}

// Runs `kernel` on a (size na) and b (size nb) into n elements.
std::vector<float> run_values(const std::string& kernel, const std::vector<float>& a, const std::vector<float>& b, int64_t n,
                              const Activation& activation, bool in_place = false) {
  KernelTester t;
  t.input<float>({static_cast<int64_t>(a.size())}, a).input<float>({static_cast<int64_t>(b.size())}, b).output<float>({n});
  set_activation(t, activation);
  if (in_place) t.in_place_over_input(0);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

// Their bits, any NaN the same NaN.
std::vector<uint32_t> run_bits(const std::string& kernel, const std::vector<float>& a, const std::vector<float>& b,
                               int64_t n, const Activation& activation, bool in_place) {
  return bits_of(run_values(kernel, a, b, n, activation, in_place));
}

TEST(SimdBinaryKernels, MatchThePortableKernelBitForBit) {
  const std::vector<Activation> activations{{"", {}}, {"relu", {}}, {"clip", {-1.5, 2.0}}};
  int skipped = 0;
  const std::vector<SimdVariant> variants = binary_variants(&skipped);
  if (variants.empty()) GTEST_SKIP() << "no elementwise variant this CPU can run (" << skipped << " skipped)";
  for (const SimdVariant& variant : variants) {
    // Sizes around the block of the thread split (one block below 32 Ki, blocks of 16 Ki above).
    for (int64_t n : {1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 100, 16389, 25088, 40003}) {
      const std::vector<float> a = awkward_values(n, 1), b = awkward_values(n, 2), s = awkward_values(1, 3);
      for (const Activation& act : activations) {
        for (bool in_place : {false, true}) {
          const std::string where = variant.name + " n=" + std::to_string(n) + " " + act.kind + (in_place ? " in place" : "");
          EXPECT_EQ(run_bits(variant.name, a, b, n, act, in_place), run_bits(variant.op + ".portable", a, b, n, act, false))
              << where;
          EXPECT_EQ(run_bits(variant.name, a, s, n, act, in_place), run_bits(variant.op + ".portable", a, s, n, act, false))
              << where << " scalar b";
        }
        EXPECT_EQ(run_bits(variant.name, s, b, n, act, false), run_bits(variant.op + ".portable", s, b, n, act, false))
            << variant.name << " n=" << n << " scalar a";
      }
      // silu rounds as the ISA's standalone silu does, not as the portable
      // kernel: the fused one must be that kernel's, bit for bit (tails too).
      for (const auto& [x, y] : std::vector<std::pair<std::vector<float>, std::vector<float>>>{{a, b}, {a, s}, {s, b}}) {
        testing::expect_fused_silu_is_standalone(
            variant, [&](const Activation& act) { return run_values(variant.name, x, y, n, act); },
            variant.name + " n=" + std::to_string(n));
      }
    }
  }
}

TEST(SimdBinaryKernels, RefuseWhatTheyDoNotImplement) {
  for (const SimdVariant& variant : binary_variants()) {
    KernelTester sigmoid;
    sigmoid.input<float>({4}, {1, 2, 3, 4}).input<float>({4}, {1, 2, 3, 4}).output<float>({4}).attr("activation", "sigmoid");
    EXPECT_EQ(sigmoid.run(variant.name.c_str()), Error::kernel_failed) << variant.name;
    KernelTester broadcast;
    broadcast.input<float>({2, 1}, {1, 2}).input<float>({1, 2}, {1, 2}).output<float>({2, 2});
    EXPECT_EQ(broadcast.run(variant.name.c_str()), Error::kernel_failed) << variant.name;
  }
}

// One value per leading index ([N, C, 1, 1] against [N, C, H, W], either
// side; [C, 1] against [C, W]) and a single element against such blocks:
// planes below, at and above the vector widths.
TEST(SimdBinaryKernels, PerChannelBroadcastMatchesThePortableKernelBitForBit) {
  using Shape = KernelTester::Shape;
  auto run = [](const std::string& kernel, const Shape& a_shape, const std::vector<float>& a, const Shape& b_shape,
                const std::vector<float>& b, const Shape& y_shape) {
    KernelTester t;
    t.input<float>(a_shape, a).input<float>(b_shape, b).output<float>(y_shape);
    t.attr("activation", "relu");
    EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
    return bits_of(t.output_values<float>());
  };
  for (const SimdVariant& variant : binary_variants()) {
    for (auto [c, h, w] : std::vector<std::array<int64_t, 3>>{{3, 1, 1}, {5, 3, 3}, {4, 4, 4}, {2, 7, 9}, {7, 4, 8}}) {
      const int64_t n = 2 * c * h * w;
      const std::vector<float> x = awkward_values(n, 4), scale = awkward_values(2 * c, 5), one = awkward_values(1, 6);
      const std::string where = variant.name + " c=" + std::to_string(c) + " " + std::to_string(h) + "x" + std::to_string(w);
      const std::string portable = variant.op + ".portable";
      EXPECT_EQ(run(variant.name, {2, c, h, w}, x, {2, c, 1, 1}, scale, {2, c, h, w}),
                run(portable, {2, c, h, w}, x, {2, c, 1, 1}, scale, {2, c, h, w})) << where;
      EXPECT_EQ(run(variant.name, {2, c, 1, 1}, scale, {2, c, h, w}, x, {2, c, h, w}),
                run(portable, {2, c, 1, 1}, scale, {2, c, h, w}, x, {2, c, h, w})) << where << " blocked a";
      EXPECT_EQ(run(variant.name, {2 * c, 1}, scale, {2 * c, h * w}, x, {2 * c, h * w}),
                run(portable, {2 * c, 1}, scale, {2 * c, h * w}, x, {2 * c, h * w})) << where << " 2-D";
      EXPECT_EQ(run(variant.name, {2, c, 1, 1}, scale, {1}, one, {2, c, 1, 1}),
                run(portable, {2, c, 1, 1}, scale, {1}, one, {2, c, 1, 1})) << where << " scalar";
    }
  }
}

// The result's trailing dims ([N] or [1, N] against [..., N], either side: a
// bias row), rows below, at and above the vector widths, and a scalar
// against such a row.
TEST(SimdBinaryKernels, TrailingBroadcastMatchesThePortableKernelBitForBit) {
  using Shape = KernelTester::Shape;
  auto run = [](const std::string& kernel, const Shape& a_shape, const std::vector<float>& a, const Shape& b_shape,
                const std::vector<float>& b, const Shape& y_shape) {
    KernelTester t;
    t.input<float>(a_shape, a).input<float>(b_shape, b).output<float>(y_shape);
    EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
    return t.output_values<float>();
  };
  for (const SimdVariant& variant : binary_variants()) {
    const std::string portable = variant.op + ".portable";
    for (auto [rows, n] : std::vector<std::array<int64_t, 2>>{{2, 3}, {3, 8}, {5, 17}, {4, 33}, {3, 768}}) {
      const std::vector<float> x = awkward_values(rows * n, 7), row = awkward_values(n, 8);
      const std::string where = variant.name + " rows=" + std::to_string(rows) + " n=" + std::to_string(n);
      EXPECT_EQ(bits_of(run(variant.name, {rows, n}, x, {n}, row, {rows, n})), bits_of(run(portable, {rows, n}, x, {n}, row, {rows, n})))
          << where;
      EXPECT_EQ(bits_of(run(variant.name, {1, n}, row, {1, rows, n}, x, {1, rows, n})),
                bits_of(run(portable, {1, n}, row, {1, rows, n}, x, {1, rows, n})))
          << where << " row as a";
      EXPECT_EQ(bits_of(run(variant.name, {1}, {0.5f}, {n}, row, {n})), bits_of(run(portable, {1}, {0.5f}, {n}, row, {n})))
          << where << " scalar and row";
    }
  }
}

}  // namespace
}  // namespace ingot::rt
