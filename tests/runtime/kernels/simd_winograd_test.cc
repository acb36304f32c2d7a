// conv.winograd (Winograd F(4x4, 3x3), conv_winograd_f32.h) of every ISA
// this build has against conv.portable on the same 3x3 weights, transformed
// as the compiler does (winograd_f32.h): output planes not a multiple of 4,
// 1x1, one tile and many; odd channel counts, K past a GEMM block, C past
// the size at which a tile block shrinks; padding 0, 1, 2 and asymmetric;
// bias or not; fused relu, clip and silu.
//
// Tolerance: Winograd is not the direct sum reordered. The transforms
// multiply the input by up to 5 and the GEMM results by up to 8 (twice
// each, over rows and columns), so f32 rounding is about two decimal
// digits above the direct convolution's; the error of each element is
// bounded relative to the output's scale (its RMS), not to the element
// itself (a small output is a difference of large terms), and to the
// scale before the fused activation (clip narrows the outputs, not the error). Measured with
// normal weights and inputs: at most 3.7e-5 of the RMS on AVX2, 4.4e-5 on
// NEON (qemu) (C = 64; 2e-6 to 1e-5 for C below 16), growing with C like
// any f32 sum; the bound 1e-4 leaves 2.3x over the worst case.
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kernels/simd/winograd_f32.h"
#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/simd_variants.h"

namespace ingot::rt {
namespace {

using testing::Activation;
using testing::KernelTester;
using testing::random_values;
using testing::set_activation;
using testing::SimdVariant;

const std::vector<Activation> kWinogradActivations{{"", {}}, {"relu", {}}, {"clip", {-0.5, 2.0}}, {"silu", {}}};

struct WinoCase {
  int64_t images, c, k, h, w, pt, pl, pb, pr;
};

std::vector<float> run_conv3x3(const std::string& kernel, const WinoCase& s, bool bias, const Activation& act) {
  const int64_t oh = s.h + s.pt + s.pb - 2, ow = s.w + s.pl + s.pr - 2;
  const std::vector<float> w = random_values(s.k * s.c * 9, 21);
  KernelTester t;
  t.input<float>({s.images, s.c, s.h, s.w}, random_values(s.images * s.c * s.h * s.w, 20));
  if (kernel.find(".winograd.") != std::string::npos) {
    const int64_t rows = simd::packed_rows(kernel.substr(kernel.rfind('.') + 1));
    std::vector<float> u(static_cast<size_t>(s.k * s.c * simd::kWinoPoints));
    simd::winograd_transform_weights(w.data(), s.k, s.c, rows, u.data());
    t.input<float>({s.k, s.c, simd::kWinoTile, simd::kWinoTile}, u);
    t.attr("packed", (std::string(simd::kWinoPrefix) + "mr" + std::to_string(rows)).c_str());
  } else {
    t.input<float>({s.k, s.c, 3, 3}, w);
  }
  if (bias) t.input<float>({s.k}, random_values(s.k, 22));
  t.output<float>({s.images, s.k, oh, ow});
  t.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>{s.pt, s.pl, s.pb, s.pr});
  t.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", 1);
  set_activation(t, act);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

// The RMS of values: the scale of the convolution's outputs (before a
// fused clip narrows them: the error is made before it).
double rms_of(const std::vector<float>& values) {
  double sum = 0;
  for (float v : values) sum += double{v} * v;
  return std::sqrt(sum / std::max<size_t>(1, values.size()));
}

// The largest error relative to that scale.
double winograd_scaled_error(const std::vector<float>& actual, const std::vector<float>& expected, double scale) {
  EXPECT_EQ(actual.size(), expected.size());
  double worst = 0;
  for (size_t i = 0; i < actual.size() && i < expected.size(); ++i) {
    worst = std::max(worst, std::abs(double{actual[i]} - expected[i]));
  }
  return worst / std::max(scale, 1e-30);
}

TEST(SimdWinogradKernels, MatchesThePortableKernel) {
  const std::vector<WinoCase> cases{
      // images c k h w pt pl pb pr
      {1, 16, 16, 8, 8, 1, 1, 1, 1},      // whole tiles
      {1, 3, 5, 7, 7, 1, 1, 1, 1},        // 7x7: a partial tile each way, odd channels
      {2, 13, 29, 10, 13, 0, 0, 0, 0},    // no padding: 8x11 outputs
      {1, 7, 9, 1, 1, 1, 1, 1, 1},        // a 1x1 plane
      {1, 5, 6, 3, 3, 2, 2, 2, 2},        // padding 2: 5x5 outputs, tiles mostly padding
      {1, 9, 11, 11, 6, 0, 1, 2, 0},      // asymmetric padding
      {1, 64, 70, 14, 14, 1, 1, 1, 1},    // K over a GEMM block (24 rows on AVX-512), 16 tiles
      {1, 300, 13, 9, 9, 1, 1, 1, 1},     // C * 32 over the V budget: smaller tile blocks
      {1, 600, 7, 5, 6, 1, 1, 1, 1},      // blocks narrower than a vector (AVX2, AVX-512)
      {1, 24, 40, 29, 31, 1, 1, 1, 1},    // 64 tiles: several blocks, ragged
  };
  const std::vector<SimdVariant> variants = testing::simd_variants("conv", "winograd");
  if (variants.empty()) GTEST_SKIP() << "no conv.winograd variant this CPU can run";
  double worst = 0;
  for (const SimdVariant& v : variants) {
    for (const WinoCase& s : cases) {
      const bool bias = (s.c + s.k) % 2 == 1;
      const double scale = rms_of(run_conv3x3("conv.portable", s, bias, kWinogradActivations[0]));
      for (const Activation& act : kWinogradActivations) {
        const double error =
            winograd_scaled_error(run_conv3x3(v.name, s, bias, act), run_conv3x3("conv.portable", s, bias, act), scale);
        worst = std::max(worst, error);
        EXPECT_LE(error, 1e-4) << v.name << " c=" << s.c << " k=" << s.k << " " << s.h << "x" << s.w << " pads " << s.pt
                               << s.pl << s.pb << s.pr << " " << act.kind;
      }
      testing::expect_fused_silu_is_standalone(
          v, [&](const Activation& act) { return run_conv3x3(v.name, s, bias, act); },
          v.name + " c=" + std::to_string(s.c) + " k=" + std::to_string(s.k));
    }
  }
  std::printf("conv.winograd: largest error %.2g of the outputs' RMS\n", worst);
}

// Weights not transformed for this ISA's panels, or not at all, and shapes
// the kernel does not handle, are refused (never read out of bounds).
TEST(SimdWinogradKernels, RefusesWhatItDoesNotHandle) {
  for (const SimdVariant& v : testing::simd_variants("conv", "winograd")) {
    for (const char* packed : {"", "mr12", "wino6mr5", "wino6"}) {
      KernelTester t;
      t.input<float>({1, 4, 5, 5}, random_values(100, 1));
      t.input<float>({4, 4, 6, 6}, random_values(4 * 4 * 36, 2));
      t.output<float>({1, 4, 5, 5});
      t.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>{1, 1, 1, 1}).attr("group", 1);
      if (packed[0] != '\0') t.attr("packed", packed);
      EXPECT_EQ(t.run(v.name.c_str()), Error::kernel_failed) << v.name << " packed '" << packed << "'";
    }
    KernelTester t;  // 3x3 weights, not the transform's 6x6
    t.input<float>({1, 4, 5, 5}, random_values(100, 1));
    t.input<float>({4, 4, 3, 3}, random_values(4 * 4 * 9, 2));
    t.output<float>({1, 4, 5, 5});
    t.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>{1, 1, 1, 1}).attr("group", 1);
    t.attr("packed", (std::string(simd::kWinoPrefix) + "mr" + std::to_string(simd::packed_rows(v.isa))).c_str());
    EXPECT_EQ(t.run(v.name.c_str()), Error::kernel_failed) << v.name << " with 3x3 weights";
  }
}

}  // namespace
}  // namespace ingot::rt
