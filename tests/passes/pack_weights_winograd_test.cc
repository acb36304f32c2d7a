// pack-weights for conv.winograd: a 3x3 stride-1 conv that the target runs
// by Winograd F(4x4, 3x3) gets a new constant [K, C, 6, 6] (four times the
// bytes) and `packed = "wino6mr<rows>"`, shared by the convs that read the
// same weights; and the transformed values are right: with B and A written
// out here, A^T [U . (B^T d B)] A is the 3x3 correlation of d and g for
// every (k, c), read through the GEMM panel layout. (Too large for a text
// case in tests/passes/cases: the smallest conv the rule takes has 2,304
// weights.)
#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "compiler/kernel_variants.h"
#include "compiler/target.h"
#include "ir/parser.h"
#include "passes/pack_weights.h"

namespace ingot {
namespace {

constexpr int64_t kK = 20, kC = 16;  // K not a multiple of AVX2's 6-row panels

std::string hex_of(const std::vector<float>& values) {
  std::string hex = "0x";
  const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
  for (size_t i = 0; i < values.size() * sizeof(float); ++i) hex += fmt::format("{:02X}", bytes[i]);
  return hex;
}

// B^T (6 x 6) and A^T (4 x 6) of F(4x4, 3x3), points 0, +-1, +-2, +-1/2.
constexpr double kBt[6][6] = {{4, 0, -5, 0, 1, 0},  {0, -4, -4, 1, 1, 0}, {0, 4, -4, -1, 1, 0},
                              {0, -2, -1, 2, 1, 0}, {0, 2, -1, -2, 1, 0}, {0, 4, 0, -5, 0, 1}};
constexpr double kAt[4][6] = {{1, 1, 1, 1, 1, 0}, {0, 1, -1, 2, -2, 0}, {0, 1, 1, 4, 4, 0}, {0, 1, -1, 8, -8, 1}};

TEST(PackWeightsWinograd, TransformsThreeByThreeConvWeights) {
  std::mt19937 random(3);
  std::normal_distribution<float> normal;
  std::vector<float> w(static_cast<size_t>(kK * kC * 9));
  for (float& v : w) v = normal(random);
  const std::string text = fmt::format(
      "graph @main(%x: f32[1,{1},12,12]) -> (%y, %z) {{\n"
      "  %w = constant f32[{0},{1},3,3] dense<\"{2}\">\n"
      "  %y = conv(%x, %w) {{dilations = [1, 1], group = 1, pads = [1, 1, 1, 1], strides = [1, 1]}} : f32[1,{0},12,12]\n"
      "  %z = conv(%x, %w) {{activation = \"relu\", dilations = [1, 1], group = 1, pads = [0, 0, 0, 0], strides = [1, 1]}} : "
      "f32[1,{0},10,10]\n"
      "  return %y, %z\n}}\n",
      kK, kC, hex_of(w));
  Result<Graph> graph = parse_graph(text);
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  Result<std::unique_ptr<Target>> target = Target::named("x86-64");
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(pack_weights(*graph, **target), 2);

  const Value* u = nullptr;
  for (const Node* node : graph->nodes()) {
    EXPECT_EQ(node->attr_s("packed"), "wino6mr6");
    EXPECT_EQ(node->input(1)->type().shape, (Shape{kK, kC, 6, 6}));
    EXPECT_TRUE(u == nullptr || u == node->input(1)) << "the convs share one transformed constant";
    u = node->input(1);
    EXPECT_EQ((*target)->choose(*node)->kernel, "conv.winograd.f32.avx2");
  }
  ASSERT_NE(u, nullptr);
  ASSERT_EQ(u->constant()->size(), static_cast<size_t>(kK * kC * 36) * sizeof(float));
  std::vector<float> transformed(static_cast<size_t>(kK * kC * 36));
  std::memcpy(transformed.data(), u->constant()->data(), u->constant()->size());

  // U[xi] is K x C in row panels of 6, k-major: element (k, c) of position
  // xi at xi * K * C + panel start * C + c * panel height + row in panel.
  constexpr int64_t kRows = 6;
  auto u_at = [&](int64_t xi, int64_t k, int64_t c) {
    const int64_t i0 = k / kRows * kRows, h = std::min(kRows, kK - i0);
    return double{transformed[static_cast<size_t>(xi * kK * kC + i0 * kC + c * h + (k - i0))]};
  };
  std::vector<double> d(36);
  for (int64_t k = 0; k < kK; ++k) {
    for (int64_t c = 0; c < kC; ++c) {
      for (double& v : d) v = normal(random);
      double v_tile[6][6] = {}, m[6][6], at_m[4][6] = {};
      for (int i = 0; i < 6; ++i) {  // B^T d B
        for (int j = 0; j < 6; ++j) {
          for (int p = 0; p < 6; ++p) {
            for (int q = 0; q < 6; ++q) v_tile[i][j] += kBt[i][p] * d[p * 6 + q] * kBt[j][q];
          }
        }
      }
      for (int i = 0; i < 6; ++i) {
        for (int j = 0; j < 6; ++j) m[i][j] = u_at(i * 6 + j, k, c) * v_tile[i][j];
      }
      for (int a = 0; a < 4; ++a) {
        for (int j = 0; j < 6; ++j) {
          for (int i = 0; i < 6; ++i) at_m[a][j] += kAt[a][i] * m[i][j];
        }
      }
      for (int a = 0; a < 4; ++a) {
        for (int b = 0; b < 4; ++b) {
          double y = 0, direct = 0;
          for (int j = 0; j < 6; ++j) y += at_m[a][j] * kAt[b][j];
          for (int ky = 0; ky < 3; ++ky) {
            for (int kx = 0; kx < 3; ++kx) direct += d[(a + ky) * 6 + b + kx] * w[static_cast<size_t>(((k * kC + c) * 3 + ky) * 3 + kx)];
          }
          ASSERT_NEAR(y, direct, 1e-5 * (1 + std::abs(direct))) << "k=" << k << " c=" << c << " output " << a << "," << b;
        }
      }
    }
  }
}

TEST(PackWeightsWinograd, FewInputChannelsStayOnIm2col) {
  // 6 input channels: under the rule's 8 (and over conv.direct's 4).
  const std::vector<float> w(16 * 6 * 9, 0.5f);
  Result<Graph> graph = parse_graph(fmt::format(
      "graph @main(%x: f32[1,6,16,16]) -> (%y) {{\n"
      "  %w = constant f32[16,6,3,3] dense<\"{}\">\n"
      "  %y = conv(%x, %w) {{dilations = [1, 1], group = 1, pads = [1, 1, 1, 1], strides = [1, 1]}} : f32[1,16,16,16]\n"
      "  return %y\n}}\n",
      hex_of(w)));
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  Result<std::unique_ptr<Target>> target = Target::named("x86-64");
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(pack_weights(*graph, **target), 1);
  const Node* node = graph->nodes().front();
  EXPECT_EQ(node->attr_s("packed"), "mr6");
  EXPECT_EQ(node->input(1)->type().shape, (Shape{16, 6, 3, 3}));
  for (const KernelVariant& variant : optimized_variants()) {  // the reason the rule gives
    if (variant.name == "conv.winograd.f32.avx2") {
      EXPECT_EQ(node_unfit_any_layout(variant, *node), "fewer than 8 input channels: the transforms cost more than the GEMMs save");
    }
  }
  EXPECT_EQ((*target)->choose(*node)->kernel, "conv.im2col_packed.f32.avx2");
}

}  // namespace
}  // namespace ingot
