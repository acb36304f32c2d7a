// The SIMD variants of matmul, gemm and conv (pointwise, depthwise, shifted, im2col, direct)
// this build has (x86 or NEON: simd_variants.h) against the portable kernels
// on awkward sizes: rows and columns below, at and above the register tiles
// of every ISA (tails), K of 1, bias absent and present, fused relu, clip
// and silu, batches. The portable kernels accumulate in double, these in f32
// registers: results agree to f32 rounding of a K-term sum. A fused silu
// also gives exactly the ISA's standalone silu of the unfused result.
// Variants whose ISA this CPU lacks are skipped.
#include <array>
#include <cmath>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "kernels/simd/pack_f32.h"
#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/simd_variants.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;
using Shape = KernelTester::Shape;

using testing::Activation;
using testing::expect_fused_silu_is_standalone;
using testing::SimdVariant;
using testing::set_activation;
using testing::random_values;

// The variants of `op` of the given kind ("tiled", "pointwise", ...) this
// CPU can run.
std::vector<SimdVariant> linalg_variants(const std::string& op, const std::string& kind) {
  return testing::simd_variants(op, kind);
}

void expect_close(const std::vector<float>& actual, const std::vector<float>& expected, const std::string& where) {
  ASSERT_EQ(actual.size(), expected.size()) << where;
  for (size_t i = 0; i < actual.size(); ++i) {
    ASSERT_NEAR(actual[i], expected[i], 1e-4 * (1 + std::abs(expected[i]))) << where << " element " << i;
  }
}

// The weights [group * m, k] as `kernel` reads them: packed in row panels
// (pack_f32.h) for a `*_packed` variant, with the node's `packed` attribute
// set as the compiler sets it; as they are otherwise.
std::vector<float> weights_for(const std::string& kernel, const std::vector<float>& w, int64_t group, int64_t m, int64_t k,
                               KernelTester& t) {
  if (kernel.find("_packed.") == std::string::npos) return w;
  const int64_t rows = rt::simd::packed_rows(kernel.substr(kernel.rfind('.') + 1));
  EXPECT_GT(rows, 0) << kernel;
  std::vector<float> packed(w.size());
  rt::simd::pack_conv_weights(w.data(), group, m, k, rows, packed.data());
  t.attr("packed", ("mr" + std::to_string(rows)).c_str());
  return packed;
}

// b [k, n] as `kernel` reads it: column panels (pack_f32.h) for a
// `*_packed` matmul or gemm, with the `packed` attribute the compiler sets.
std::vector<float> b_for(const std::string& kernel, const std::vector<float>& b, int64_t k, int64_t n, KernelTester& t) {
  if (kernel.find("_packed.") == std::string::npos) return b;
  const int64_t cols = rt::simd::packed_cols(kernel.substr(kernel.rfind('.') + 1));
  EXPECT_GT(cols, 0) << kernel;
  std::vector<float> packed(b.size());
  rt::simd::pack_b_panels(b.data(), k, n, cols, packed.data());
  t.attr("packed", ("nr" + std::to_string(cols)).c_str());
  return packed;
}

// The variants of both kinds: `kind` and `kind`_packed.
std::vector<SimdVariant> with_packed(const std::string& op, const std::string& kind) {
  std::vector<SimdVariant> variants = linalg_variants(op, kind);
  for (SimdVariant& v : linalg_variants(op, kind + "_packed")) variants.push_back(std::move(v));
  return variants;
}

const std::vector<Activation> kActivations{{"", {}}, {"relu", {}}, {"clip", {-0.5, 1.0}}, {"silu", {}}};

std::vector<float> run_matmul(const std::string& kernel, Shape a_shape, Shape b_shape, Shape y_shape, bool bias,
                              const Activation& act) {
  KernelTester t;
  int64_t na = 1, nb = 1;
  for (int64_t d : a_shape) na *= d;
  for (int64_t d : b_shape) nb *= d;
  t.input<float>(a_shape, random_values(na, 1));
  if (b_shape.size() == 2) {
    t.input<float>(b_shape, b_for(kernel, random_values(nb, 2), b_shape[0], b_shape[1], t));
  } else {
    t.input<float>(b_shape, random_values(nb, 2));
  }
  if (bias) t.input<float>({b_shape.back()}, random_values(b_shape.back(), 3));
  t.output<float>(y_shape);
  set_activation(t, act);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

TEST(SimdLinalgKernels, MatmulMatchesThePortableKernel) {
  const std::vector<SimdVariant> variants = with_packed("matmul", "tiled");
  if (variants.empty()) GTEST_SKIP() << "no matmul.tiled variant this CPU can run";
  for (const SimdVariant& v : variants) {
    for (int64_t m : {1, 5, 6, 7, 8, 9, 12, 13, 25}) {
      for (int64_t n : {1, 7, 8, 15, 16, 17, 31, 32, 33, 64}) {
        for (int64_t k : {1, 3, 17, 64}) {
          for (const Activation& act : kActivations) {
            const bool bias = (m + n) % 2 == 0;
            const std::string where = v.name + " m=" + std::to_string(m) + " n=" + std::to_string(n) + " k=" +
                                      std::to_string(k) + " " + act.kind;
            expect_close(run_matmul(v.name, {m, k}, {k, n}, {m, n}, bias, act),
                         run_matmul("matmul.portable", {m, k}, {k, n}, {m, n}, bias, act), where);
          }
          expect_fused_silu_is_standalone(
              v, [&](const Activation& act) { return run_matmul(v.name, {m, k}, {k, n}, {m, n}, (m + n) % 2 == 0, act); },
              v.name + " m=" + std::to_string(m) + " n=" + std::to_string(n) + " k=" + std::to_string(k));
        }
      }
    }
    // K deeper than the blocks in which a partial panel's columns are copied
    // (gemm_partial_panel): the partial sums carry across blocks.
    for (int64_t m : {7, 13}) {
      for (int64_t n : {17, 49}) {
        for (const Activation& act : kActivations) {
          expect_close(run_matmul(v.name, {m, 1100}, {1100, n}, {m, n}, true, act),
                       run_matmul("matmul.portable", {m, 1100}, {1100, n}, {m, n}, true, act),
                       v.name + " m=" + std::to_string(m) + " n=" + std::to_string(n) + " k=1100 " + act.kind);
        }
      }
    }
    // Attention-style batches: b with a's batch dims (never packed), and 2-D weights under a batched a.
    if (v.variant == "tiled") expect_close(run_matmul(v.name, {2, 3, 7, 5}, {2, 3, 5, 9}, {2, 3, 7, 9}, false, kActivations[0]),
                 run_matmul("matmul.portable", {2, 3, 7, 5}, {2, 3, 5, 9}, {2, 3, 7, 9}, false, kActivations[0]),
                 v.name + " batched b");
    expect_close(run_matmul(v.name, {4, 13, 16}, {16, 19}, {4, 13, 19}, true, kActivations[1]),
                 run_matmul("matmul.portable", {4, 13, 16}, {16, 19}, {4, 13, 19}, true, kActivations[1]),
                 v.name + " batched a");
  }
}

std::vector<float> run_gemm(const std::string& kernel, int64_t m, int64_t k, int64_t n, bool c, const Activation& act) {
  KernelTester t;
  t.input<float>({m, k}, random_values(m * k, 4));
  t.input<float>({k, n}, b_for(kernel, random_values(k * n, 5), k, n, t));
  if (c) t.input<float>({n}, random_values(n, 6));
  t.output<float>({m, n});
  t.attr("alpha", 1.0).attr("beta", 1.0).attr("trans_a", 0).attr("trans_b", 0);
  set_activation(t, act);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

TEST(SimdLinalgKernels, GemmMatchesThePortableKernel) {
  const std::vector<SimdVariant> variants = with_packed("gemm", "tiled");
  if (variants.empty()) GTEST_SKIP() << "no gemm.tiled variant this CPU can run";
  for (const SimdVariant& v : variants) {
    for (int64_t m : {1, 6, 13}) {
      for (int64_t n : {1, 10, 16, 1000}) {
        for (const Activation& act : kActivations) {
          expect_close(run_gemm(v.name, m, 37, n, n != 16, act), run_gemm("gemm.portable", m, 37, n, n != 16, act),
                       v.name + " m=" + std::to_string(m) + " n=" + std::to_string(n));
        }
        expect_fused_silu_is_standalone(
            v, [&](const Activation& act) { return run_gemm(v.name, m, 37, n, n != 16, act); },
            v.name + " m=" + std::to_string(m) + " n=" + std::to_string(n));
      }
    }
    KernelTester transposed;
    transposed.input<float>({2, 2}, {1, 2, 3, 4}).input<float>({2, 2}, {1, 2, 3, 4}).output<float>({2, 2});
    transposed.attr("trans_b", 1);
    EXPECT_EQ(transposed.run(v.name.c_str()), Error::kernel_failed) << v.name;
  }
}

std::vector<float> run_conv(const std::string& kernel, int64_t images, int64_t c, int64_t m, int64_t h, int64_t w,
                            bool bias, const Activation& act) {
  KernelTester t;
  t.input<float>({images, c, h, w}, random_values(images * c * h * w, 7));
  t.input<float>({m, c, 1, 1}, weights_for(kernel, random_values(m * c, 8), 1, m, c, t));
  if (bias) t.input<float>({m}, random_values(m, 9));
  t.output<float>({images, m, h, w});
  t.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>{0, 0, 0, 0});
  t.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", 1);
  set_activation(t, act);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

// Both kinds: weights in their own order and packed by the compiler
// (pointwise_packed: row panels, a cache-blocked GEMM). The sizes cover
// tiles below, at and above MR and NR of every ISA, K and M above the
// blocks of gemm_blocked_f32 (256: one and several blocks, unequal tails;
// 300 x 450 x 143 is big enough to be blocked on every ISA).
std::vector<SimdVariant> pointwise_variants() {
  std::vector<SimdVariant> variants = linalg_variants("conv", "pointwise");
  for (SimdVariant& v : linalg_variants("conv", "pointwise_packed")) variants.push_back(std::move(v));
  return variants;
}

TEST(SimdLinalgKernels, PointwiseConvMatchesThePortableKernel) {
  const std::vector<SimdVariant> variants = pointwise_variants();
  if (variants.empty()) GTEST_SKIP() << "no conv.pointwise variant this CPU can run";
  // The reference result once per case, for every variant: the reference
  // kernel is the slow part (most of all under the sanitizers). A fused silu
  // is checked against the standalone kernel below (which simd_nn_test.cc
  // checks against the portable silu), not against the portable 1x1 convs.
  for (auto [c, m, h, w] : std::vector<std::array<int64_t, 4>>{{3, 8, 5, 5},
                                                                {16, 24, 7, 7},
                                                                {1, 1, 1, 1},
                                                                {32, 13, 4, 9},
                                                                {1100, 13, 7, 7},
                                                                {257, 7, 3, 11},
                                                                {600, 30, 1, 33},
                                                                {20, 300, 5, 5},
                                                                {513, 521, 2, 3},
                                                                {300, 450, 11, 13},
                                                                {7, 25, 1, 1}}) {
    for (const Activation& act : kActivations) {
      if (std::string(act.kind) == "silu") continue;
      const std::vector<float> expected = run_conv("conv.portable", 2, c, m, h, w, c % 2 == 0, act);
      for (const SimdVariant& v : variants) {
        expect_close(run_conv(v.name, 2, c, m, h, w, c % 2 == 0, act), expected,
                     v.name + " c=" + std::to_string(c) + " m=" + std::to_string(m));
      }
    }
    for (const SimdVariant& v : variants) {
      expect_fused_silu_is_standalone(
          v, [&](const Activation& act) { return run_conv(v.name, 2, c, m, h, w, c % 2 == 0, act); },
          v.name + " c=" + std::to_string(c) + " m=" + std::to_string(m));
    }
  }
  for (const SimdVariant& v : variants) {
    KernelTester k3;
    k3.input<float>({1, 1, 3, 3}, random_values(9, 1)).input<float>({1, 1, 3, 3}, random_values(9, 2)).output<float>({1, 1, 1, 1});
    k3.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>{0, 0, 0, 0});
    k3.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", 1);
    EXPECT_EQ(k3.run(v.name.c_str()), Error::kernel_failed) << v.name << " must refuse a 3x3 kernel";
    // The weights' layout is the node's: a packed kernel refuses weights
    // packed for another height or not at all, an unpacked one packed ones.
    KernelTester layout;
    layout.input<float>({1, 4, 2, 2}, random_values(16, 1)).input<float>({3, 4, 1, 1}, random_values(12, 2)).output<float>({1, 3, 2, 2});
    layout.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>{0, 0, 0, 0});
    layout.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", 1).attr("packed", "mr5");
    EXPECT_EQ(layout.run(v.name.c_str()), Error::kernel_failed) << v.name << " must refuse weights packed as mr5";
  }
  KernelTester portable;
  portable.input<float>({1, 4, 2, 2}, random_values(16, 1)).input<float>({3, 4, 1, 1}, random_values(12, 2)).output<float>({1, 3, 2, 2});
  portable.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>{0, 0, 0, 0});
  portable.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", 1).attr("packed", "mr6");
  EXPECT_EQ(portable.run("conv.portable"), Error::kernel_failed) << "conv.portable must refuse packed weights";
}

std::vector<float> run_depthwise(const std::string& kernel, int64_t c, int64_t h, int64_t w, int64_t k, int64_t stride,
                                 int64_t pad, bool bias, const Activation& act) {
  const int64_t oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1;
  KernelTester t;
  t.input<float>({1, c, h, w}, random_values(c * h * w, 10)).input<float>({c, 1, k, k}, random_values(c * k * k, 11));
  if (bias) t.input<float>({c}, random_values(c, 12));
  t.output<float>({1, c, oh, ow});
  t.attr("strides", std::vector<int64_t>{stride, stride}).attr("pads", std::vector<int64_t>{pad, pad, pad, pad});
  t.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", c);
  set_activation(t, act);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

TEST(SimdLinalgKernels, DepthwiseConvMatchesThePortableKernel) {
  const std::vector<SimdVariant> variants = linalg_variants("conv", "depthwise");
  if (variants.empty()) GTEST_SKIP() << "no conv.depthwise variant this CPU can run";
  for (const SimdVariant& v : variants) {
    // Widths below, at and above the vector widths with stride 1 and 2, 3x3
    // and 5x5 kernels, padded and not: interior vectors and scalar borders.
    for (int64_t w : {1, 5, 8, 16, 17, 33, 56, 112}) {
      for (int64_t stride : {1, 2}) {
        for (auto [k, pad] : std::vector<std::pair<int64_t, int64_t>>{{3, 1}, {3, 0}, {5, 2}}) {
          if (w + 2 * pad < k) continue;
          for (const Activation& act : kActivations) {
            const std::string where = v.name + " w=" + std::to_string(w) + " stride=" + std::to_string(stride) +
                                      " k=" + std::to_string(k) + " " + act.kind;
            expect_close(run_depthwise(v.name, 3, 7, w, k, stride, pad, w % 2 == 1, act),
                         run_depthwise("conv.portable", 3, 7, w, k, stride, pad, w % 2 == 1, act), where);
          }
          expect_fused_silu_is_standalone(
              v, [&](const Activation& act) { return run_depthwise(v.name, 3, 7, w, k, stride, pad, w % 2 == 1, act); },
              v.name + " w=" + std::to_string(w) + " stride=" + std::to_string(stride) + " k=" + std::to_string(k));
        }
      }
    }
    // Planes larger than the padded copy's buffer run in bands of rows
    // (99x101: two bands and a shorter last one); rows too wide for the
    // buffer (8300 floats) take the path with borders.
    for (auto [h, w] : std::vector<std::pair<int64_t, int64_t>>{{99, 101}, {5, 8300}}) {
      for (int64_t stride : {1, 2}) {
        for (auto [k, pad] : std::vector<std::pair<int64_t, int64_t>>{{3, 1}, {5, 2}}) {
          const std::string where = v.name + " " + std::to_string(h) + "x" + std::to_string(w) + " stride=" + std::to_string(stride) +
                                    " k=" + std::to_string(k);
          expect_close(run_depthwise(v.name, 2, h, w, k, stride, pad, true, kActivations[2]),
                       run_depthwise("conv.portable", 2, h, w, k, stride, pad, true, kActivations[2]), where);
        }
      }
    }
  }
}

std::vector<float> run_conv_kxk(const std::string& kernel, int64_t c, int64_t m, int64_t h, int64_t w, int64_t k,
                                int64_t pad, bool bias, const Activation& act) {
  KernelTester t;
  t.input<float>({2, c, h, w}, random_values(2 * c * h * w, 13)).input<float>({m, c, k, k}, random_values(m * c * k * k, 14));
  if (bias) t.input<float>({m}, random_values(m, 15));
  t.output<float>({2, m, h + 2 * pad - k + 1, w + 2 * pad - k + 1});
  t.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>{pad, pad, pad, pad});
  t.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", 1);
  set_activation(t, act);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

TEST(SimdLinalgKernels, ShiftedConvMatchesThePortableKernel) {
  const std::vector<SimdVariant> variants = linalg_variants("conv", "shifted");
  if (variants.empty()) GTEST_SKIP() << "no conv.shifted variant this CPU can run";
  for (const SimdVariant& v : variants) {
    for (auto [c, m, h, w, k, pad] : std::vector<std::array<int64_t, 6>>{
             {3, 8, 9, 9, 3, 1}, {16, 13, 7, 33, 3, 1}, {5, 32, 6, 17, 3, 0}, {2, 4, 5, 5, 5, 2}, {4, 6, 3, 40, 1, 0}}) {
      for (const Activation& act : kActivations) {
        expect_close(run_conv_kxk(v.name, c, m, h, w, k, pad, m % 2 == 0, act),
                     run_conv_kxk("conv.portable", c, m, h, w, k, pad, m % 2 == 0, act),
                     v.name + " c=" + std::to_string(c) + " m=" + std::to_string(m) + " w=" + std::to_string(w) +
                         " k=" + std::to_string(k) + " " + act.kind);
      }
      expect_fused_silu_is_standalone(
          v, [&](const Activation& act) { return run_conv_kxk(v.name, c, m, h, w, k, pad, m % 2 == 0, act); },
          v.name + " c=" + std::to_string(c) + " m=" + std::to_string(m) + " w=" + std::to_string(w));
    }
  }
}

struct ConvCase {
  int64_t images, c, m, h, w, kh, kw, stride_h, stride_w, pad_t, pad_l, pad_b, pad_r, dil_h, dil_w, group;
};

std::vector<float> run_conv_any(const std::string& kernel, const ConvCase& k, bool bias, const Activation& act) {
  const int64_t oh = (k.h + k.pad_t + k.pad_b - (k.dil_h * (k.kh - 1) + 1)) / k.stride_h + 1;
  const int64_t ow = (k.w + k.pad_l + k.pad_r - (k.dil_w * (k.kw - 1) + 1)) / k.stride_w + 1;
  const int64_t cg = k.c / k.group;
  KernelTester t;
  t.input<float>({k.images, k.c, k.h, k.w}, random_values(k.images * k.c * k.h * k.w, 16));
  t.input<float>({k.m, cg, k.kh, k.kw},
                 weights_for(kernel, random_values(k.m * cg * k.kh * k.kw, 17), k.group, k.m / k.group, cg * k.kh * k.kw, t));
  if (bias) t.input<float>({k.m}, random_values(k.m, 18));
  t.output<float>({k.images, k.m, oh, ow});
  t.attr("strides", std::vector<int64_t>{k.stride_h, k.stride_w}).attr("pads", std::vector<int64_t>{k.pad_t, k.pad_l, k.pad_b, k.pad_r});
  t.attr("dilations", std::vector<int64_t>{k.dil_h, k.dil_w}).attr("group", k.group);
  set_activation(t, act);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

// Every variant on every case, with every activation, against conv.portable.
void expect_conv_cases_match_portable(const std::vector<SimdVariant>& variants, const std::vector<ConvCase>& cases) {
  for (const SimdVariant& v : variants) {
    for (const ConvCase& k : cases) {
      for (const Activation& act : kActivations) {
        const bool bias = (k.m + k.c) % 2 == 1;
        expect_close(run_conv_any(v.name, k, bias, act), run_conv_any("conv.portable", k, bias, act),
                     v.name + " c=" + std::to_string(k.c) + " m=" + std::to_string(k.m) + " h=" + std::to_string(k.h) +
                         " w=" + std::to_string(k.w) + " k=" + std::to_string(k.kh) + "x" + std::to_string(k.kw) +
                         " s=" + std::to_string(k.stride_h) + "," + std::to_string(k.stride_w) + " group=" +
                         std::to_string(k.group) + " " + act.kind);
      }
      expect_fused_silu_is_standalone(
          v, [&](const Activation& act) { return run_conv_any(v.name, k, (k.m + k.c) % 2 == 1, act); },
          v.name + " c=" + std::to_string(k.c) + " m=" + std::to_string(k.m) + " group=" + std::to_string(k.group));
    }
  }
}

TEST(SimdLinalgKernels, Im2colConvMatchesThePortableKernel) {
  // Strided stems (7x7 s2 p3, 3x3 s2 p1) on odd and even planes, 1x1 s2
  // downsampling, dilation, asymmetric padding and strides, grouped convs,
  // output planes below, at and above a register tile (and spanning rows),
  // K above one stack panel (c * kh * kw > 512), M not a multiple of the tile.
  const std::vector<ConvCase> cases{
      // images c m h w kh kw sh sw pt pl pb pr dh dw group
      {1, 3, 8, 23, 23, 7, 7, 2, 2, 3, 3, 3, 3, 1, 1, 1},
      {2, 3, 13, 17, 16, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1},
      {1, 16, 24, 9, 9, 1, 1, 2, 2, 0, 0, 0, 0, 1, 1, 1},
      {1, 64, 19, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1},
      {1, 5, 7, 12, 70, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1},
      {1, 4, 6, 11, 13, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 1},
      {1, 6, 9, 10, 14, 3, 2, 3, 1, 0, 1, 2, 0, 1, 1, 1},
      {1, 8, 12, 9, 9, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 4},
      {2, 12, 12, 8, 11, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 3},
      {1, 6, 6, 9, 9, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 6},
      {1, 2, 3, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1},
      {1, 1, 1, 5, 5, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1, 1},
      {1, 70, 5, 6, 6, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1},
      {1, 40, 270, 5, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1},
      {1, 30, 20, 6, 6, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2},
  };
  std::vector<SimdVariant> variants = linalg_variants("conv", "im2col");
  for (SimdVariant& v : linalg_variants("conv", "im2col_packed")) variants.push_back(std::move(v));
  expect_conv_cases_match_portable(variants, cases);
}

TEST(SimdLinalgKernels, DirectConvMatchesThePortableKernel) {
  // The stems it is for (3 channels, 3x3 s2: mobilenet_v2's padded 224 ->
  // 112 in several bands, squeezenet's unpadded odd output), batches, output
  // channels not a multiple of its register block (6) and fewer than one,
  // columns below, at and above its two vectors, stride 1, 1x1 and 2x2 and
  // 3x2 windows, asymmetric padding and padding wider than the window's half.
  const std::vector<ConvCase> cases{
      // images c m h w kh kw sh sw pt pl pb pr dh dw group
      {1, 3, 32, 19, 224, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1},
      {1, 3, 64, 13, 49, 3, 3, 2, 2, 0, 0, 0, 0, 1, 1, 1},
      {2, 3, 13, 17, 16, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1},
      {1, 1, 7, 9, 9, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1},
      {1, 4, 6, 5, 40, 2, 2, 1, 1, 0, 1, 1, 0, 1, 1, 1},
      {1, 2, 5, 6, 7, 1, 1, 2, 2, 0, 0, 0, 0, 1, 1, 1},
      {1, 3, 12, 4, 70, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1},
      {1, 3, 1, 3, 3, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1},
      {1, 3, 8, 23, 23, 3, 2, 2, 2, 1, 0, 1, 0, 1, 1, 1},
  };
  const std::vector<SimdVariant> variants = linalg_variants("conv", "direct");
  if (variants.empty()) GTEST_SKIP() << "no conv.direct variant this CPU can run";
  expect_conv_cases_match_portable(variants, cases);
}

TEST(SimdLinalgKernels, DirectConvRefusesWhatItDoesNotTake) {
  for (const SimdVariant& v : linalg_variants("conv", "direct")) {
    auto refuses = [&](const ConvCase& k, const char* packed) {
      KernelTester t;
      const int64_t oh = (k.h + k.pad_t + k.pad_b - k.kh) / k.stride_h + 1, ow = (k.w + k.pad_l + k.pad_r - k.kw) / k.stride_w + 1;
      t.input<float>({1, k.c, k.h, k.w}, random_values(k.c * k.h * k.w, 1));
      t.input<float>({k.m, k.c / k.group, k.kh, k.kw}, random_values(k.m * k.c / k.group * k.kh * k.kw, 2));
      t.output<float>({1, k.m, oh, ow});
      t.attr("strides", std::vector<int64_t>{k.stride_h, k.stride_w}).attr("pads", std::vector<int64_t>{k.pad_t, k.pad_l, k.pad_b, k.pad_r});
      t.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", k.group);
      if (packed != nullptr) t.attr("packed", packed);
      return t.run(v.name.c_str()) == Error::kernel_failed;
    };
    EXPECT_TRUE(refuses({1, 5, 4, 9, 9, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1}, nullptr)) << v.name << ": 5 channels";
    EXPECT_TRUE(refuses({1, 3, 4, 9, 9, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 1}, nullptr)) << v.name << ": 5x5";
    EXPECT_TRUE(refuses({1, 3, 4, 9, 9, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1}, nullptr)) << v.name << ": stride 3";
    EXPECT_TRUE(refuses({1, 4, 4, 9, 9, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2}, nullptr)) << v.name << ": 2 groups";
    EXPECT_TRUE(refuses({1, 3, 4, 9, 9, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1}, "mr6")) << v.name << ": packed weights";
    EXPECT_FALSE(refuses({1, 3, 4, 9, 9, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1}, nullptr)) << v.name << ": a stem it takes";
  }
}

}  // namespace
}  // namespace ingot::rt
