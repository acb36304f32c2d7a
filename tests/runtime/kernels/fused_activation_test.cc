// Fused activations (kernels/portable/fused_activation.h): a conv, matmul,
// gemm or add carrying `activation` must give exactly what the product
// followed by the standalone activation kernel gives.
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

const std::vector<float> kA{-3.5f, -1, -0.25f, 0, 0.5f, 2, 4.75f, 9};
const std::vector<float> kB{1, -2, 0.5f, 3, -1, 0.25f, -4, 2};

// Runs `activation` standalone on `values` with the given attributes.
std::vector<float> standalone(const char* activation, const std::vector<float>& values,
                              const std::vector<std::pair<const char*, double>>& attrs) {
  KernelTester t;
  t.input<float>({static_cast<int64_t>(values.size())}, values).output<float>({static_cast<int64_t>(values.size())});
  for (const auto& [name, value] : attrs) t.attr(name, value);
  EXPECT_EQ(t.run((std::string(activation) + ".portable").c_str()), Error::ok) << t.message();
  return t.output_values<float>();
}

struct Case {
  const char* kind;
  std::vector<double> params;
  std::vector<std::pair<const char*, double>> attrs;  // of the standalone op
};

TEST(FusedActivation, AddMatchesAddThenStandaloneActivation) {
  const std::vector<Case> cases{
      {"relu", {}, {}},
      {"clip", {0.0, 6.0}, {{"min", 0.0}, {"max", 6.0}}},
      {"sigmoid", {}, {}},
      {"tanh", {}, {}},
      {"hard_swish", {}, {}},
      {"hard_sigmoid", {0.2, 0.5}, {{"alpha", 0.2}, {"beta", 0.5}}},
      {"leaky_relu", {0.1}, {{"alpha", 0.1}}},
      {"silu", {}, {}},
  };
  KernelTester plain;
  plain.input<float>({8}, kA).input<float>({8}, kB).output<float>({8});
  ASSERT_EQ(plain.run("add.portable"), Error::ok) << plain.message();
  const std::vector<float> sum = plain.output_values<float>();
  for (const Case& c : cases) {
    KernelTester fused;
    fused.input<float>({8}, kA).input<float>({8}, kB).output<float>({8});
    fused.attr("activation", c.kind);
    if (!c.params.empty()) fused.attr("activation_params", c.params);
    ASSERT_EQ(fused.run("add.portable"), Error::ok) << c.kind << ": " << fused.message();
    EXPECT_EQ(fused.output_values<float>(), standalone(c.kind, sum, c.attrs)) << c.kind;
  }
}

TEST(FusedActivation, ConvAndGemmApplyItToTheirResult) {
  // conv 1x1 over 2 channels -> 1: y = 1*x0 - 1*x1 + bias 0.5, then relu.
  KernelTester conv;
  conv.input<float>({1, 2, 2, 2}, {1, -2, 3, -4, 2, 2, 2, 2}).input<float>({1, 2, 1, 1}, {1, -1}).input<float>({1}, {0.5f});
  conv.output<float>({1, 1, 2, 2});
  conv.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>{0, 0, 0, 0});
  conv.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", 1).attr("activation", "relu");
  ASSERT_EQ(conv.run("conv.portable"), Error::ok) << conv.message();
  EXPECT_EQ(conv.output_values<float>(), (std::vector<float>{0, 0, 1.5f, 0}));  // [-0.5, -3.5, 1.5, -5.5] -> relu

  // gemm [1,2] x [2,2] = [1*1 + 2*3, 1*2 + 2*4] = [7, 10], clip to [0, 8].
  KernelTester gemm;
  gemm.input<float>({1, 2}, {1, 2}).input<float>({2, 2}, {1, 2, 3, 4}).output<float>({1, 2});
  gemm.attr("activation", "clip").attr("activation_params", std::vector<double>{0, 8});
  ASSERT_EQ(gemm.run("gemm.portable"), Error::ok) << gemm.message();
  EXPECT_EQ(gemm.output_values<float>(), (std::vector<float>{7, 8}));
}

TEST(FusedActivation, MatmulAddsItsBiasPerColumnThenActivates) {
  // [2,2] x [2,3]: rows [1 0] and [0 1] pick b's rows [1 -2 3] and [-4 5 -6];
  // + bias [10 0 -10] = [11 -2 -7] and [6 5 -16]; leaky_relu 0.5.
  KernelTester t;
  t.input<float>({2, 2}, {1, 0, 0, 1}).input<float>({2, 3}, {1, -2, 3, -4, 5, -6}).input<float>({3}, {10, 0, -10});
  t.output<float>({2, 3});
  t.attr("activation", "leaky_relu").attr("activation_params", std::vector<double>{0.5});
  ASSERT_EQ(t.run("matmul.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{11, -1, -3.5f, 6, 5, -8}));
}

TEST(FusedActivation, RejectsUnknownKindsWrongParametersAndIntegers) {
  KernelTester unknown;
  unknown.input<float>({2}, {1, 2}).input<float>({2}, {1, 2}).output<float>({2}).attr("activation", "swish");
  EXPECT_EQ(unknown.run("add.portable"), Error::kernel_failed);
  KernelTester params;
  params.input<float>({2}, {1, 2}).input<float>({2}, {1, 2}).output<float>({2}).attr("activation", "clip");
  EXPECT_EQ(params.run("add.portable"), Error::kernel_failed);
  KernelTester integers;
  integers.input<int32_t>({2}, {1, 2}).input<int32_t>({2}, {1, 2}).output<int32_t>({2}).attr("activation", "relu");
  EXPECT_EQ(integers.run("add.portable"), Error::kernel_failed);
  KernelTester bias;
  bias.input<float>({1, 2}, {1, 2}).input<float>({2, 2}, {1, 2, 3, 4}).input<float>({3}, {1, 2, 3}).output<float>({1, 2});
  EXPECT_EQ(bias.run("matmul.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
