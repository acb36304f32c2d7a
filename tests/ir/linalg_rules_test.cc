// Shape rules of the linalg family (conv, conv_transpose, matmul, gemm) and
// what the ONNX importer makes of Conv, ConvTranspose, Gemm, Einsum and the
// integer / quantized products.
#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "importers/onnx/onnx_importer.h"
#include "ir/op_table.h"
#include "ir/verifier.h"
#include "tests/importers/onnx_model_builder.h"
#include "tests/ir/rule_test_util.h"

namespace ingot {
namespace {

using namespace rule_test;  // NOLINT: the shared rule-test helpers

using ::testing::HasSubstr;
using testing::OnnxModelBuilder;
using testing::TempDir;
using Ints = std::vector<int64_t>;

AttrMap conv_attrs(Ints strides, Ints pads, Ints dilations, int64_t group = 1) {
  return {{"strides", strides}, {"pads", pads}, {"dilations", dilations}, {"group", group}};
}

TEST(LinalgRules, ConvOutputSizeIn1d2d3d) {
  EXPECT_EQ(only(infer(OpKind::conv, {f32({1, 2, 10}), f32({4, 2, 3})}, conv_attrs({1}, {0, 0}, {1}))), f32({1, 4, 8}));
  // 7x5 input, 3x3 kernel, stride 2, pads (1,0,1,0): the ONNX asymmetric-padding test.
  EXPECT_EQ(only(infer(OpKind::conv, {f32({1, 1, 7, 5}), f32({1, 1, 3, 3})}, conv_attrs({2, 2}, {1, 0, 1, 0}, {1, 1}))),
            f32({1, 1, 4, 2}));
  // Dilation 2 makes a 3-wide kernel cover 5.
  EXPECT_EQ(only(infer(OpKind::conv, {f32({2, 3, 9, 9, 9}), f32({6, 3, 3, 3, 3})},
                       conv_attrs({1, 1, 1}, {0, 0, 0, 0, 0, 0}, {2, 2, 2}))),
            f32({2, 6, 5, 5, 5}));
}

TEST(LinalgRules, ConvGroupsAndBias) {
  // Depthwise: 8 channels, 8 groups, one input channel per group.
  EXPECT_EQ(only(infer(OpKind::conv, {f32({1, 8, 5, 5}), f32({8, 1, 3, 3}), f32({8})},
                       conv_attrs({1, 1}, {1, 1, 1, 1}, {1, 1}, 8))),
            f32({1, 8, 5, 5}));
  EXPECT_THAT(error_of(infer(OpKind::conv, {f32({1, 8, 5, 5}), f32({8, 2, 3, 3})}, conv_attrs({1, 1}, {0, 0, 0, 0}, {1, 1}, 2))),
              HasSubstr("8 channels but the weight expects 2 per group x 2 groups"));
  EXPECT_THAT(error_of(infer(OpKind::conv, {f32({1, 4, 5, 5}), f32({3, 2, 3, 3})}, conv_attrs({1, 1}, {0, 0, 0, 0}, {1, 1}, 2))),
              HasSubstr("do not split into 2 groups"));
  EXPECT_THAT(error_of(infer(OpKind::conv, {f32({1, 2, 5, 5}), f32({4, 2, 3, 3}), f32({3})}, conv_attrs({1, 1}, {0, 0, 0, 0}, {1, 1}))),
              HasSubstr("the bias must be [4]"));
}

TEST(LinalgRules, ConvRejectsBadOperandsAndAttributes) {
  AttrMap plain = conv_attrs({1, 1}, {0, 0, 0, 0}, {1, 1});
  EXPECT_THAT(error_of(infer(OpKind::conv, {f32({1, 2, 2, 2}), f32({1, 2, 3, 3})}, plain)), HasSubstr("the kernel covers 3"));
  EXPECT_THAT(error_of(infer(OpKind::conv, {f32({2, 5}), f32({1, 2})}, conv_attrs({}, {}, {}))), HasSubstr("rank 3 or more"));
  EXPECT_THAT(error_of(infer(OpKind::conv, {f32({1, 2, 5, 5}), type(DType::f16, {1, 2, 3, 3})}, plain)), HasSubstr("mix f32 and f16"));
  EXPECT_THAT(error_of(infer(OpKind::conv, {type(DType::u8, {1, 2, 5, 5}), type(DType::u8, {1, 2, 3, 3})}, plain)),
              HasSubstr("u8 operands are not supported"));
  EXPECT_THAT(error_of(infer(OpKind::conv, {f32({1, 2, 5, 5}), f32({1, 2, 3, 3})}, conv_attrs({0, 1}, {0, 0, 0, 0}, {1, 1}))),
              HasSubstr("strides holds 0"));
  EXPECT_THAT(error_of(infer(OpKind::conv, {f32({1, 2, 5, 5}), f32({1, 2, 3, 3})}, conv_attrs({1, 1}, {0, 0}, {1, 1}))),
              HasSubstr("pads must have 4 entries"));
  // Hostile sizes are refused before they can overflow.
  EXPECT_THAT(error_of(infer(OpKind::conv, {f32({1, 2, 5, 5}), f32({1, 2, 3, 3})},
                             conv_attrs({1, 1}, {0, 0, 0, 0}, {int64_t{1} << 62, 1}))),
              HasSubstr("outside [1, 2^40]"));
  // i32 is the integer form (ConvInteger lowers to it).
  EXPECT_EQ(only(infer(OpKind::conv, {type(DType::i32, {1, 1, 3, 3}), type(DType::i32, {1, 1, 2, 2})}, plain)),
            type(DType::i32, {1, 1, 2, 2}));
}

TEST(LinalgRules, ConvTransposeOutputSize) {
  AttrMap attrs = conv_attrs({3, 2}, {0, 0, 0, 0}, {1, 1});
  attrs["output_padding"] = Ints{1, 1};
  // stride * (in - 1) + output_padding + kernel: 3*2+1+3 = 10, 2*2+1+3 = 8.
  EXPECT_EQ(only(infer(OpKind::conv_transpose, {f32({1, 1, 3, 3}), f32({1, 2, 3, 3})}, attrs)), f32({1, 2, 10, 8}));
  attrs["pads"] = Ints{1, 2, 1, 2};
  attrs["output_padding"] = Ints{0, 0};
  EXPECT_EQ(only(infer(OpKind::conv_transpose, {f32({1, 1, 3, 3}), f32({1, 2, 3, 3})}, attrs)), f32({1, 2, 7, 3}));
  // Groups multiply the weight's output channels; the bias is per output channel.
  AttrMap grouped = conv_attrs({1}, {0, 0}, {1}, 2);
  grouped["output_padding"] = Ints{0};
  EXPECT_EQ(only(infer(OpKind::conv_transpose, {f32({1, 4, 5}), f32({4, 3, 2}), f32({6})}, grouped)), f32({1, 6, 6}));
  EXPECT_THAT(error_of(infer(OpKind::conv_transpose, {f32({1, 4, 5}), f32({4, 3, 2}), f32({3})}, grouped)),
              HasSubstr("the bias must be [6]"));
  EXPECT_THAT(error_of(infer(OpKind::conv_transpose, {f32({1, 3, 5}), f32({4, 3, 2})}, grouped)),
              HasSubstr("3 channels but the weight expects 4"));
  AttrMap cropped = conv_attrs({1}, {3, 3}, {1});
  cropped["output_padding"] = Ints{0};
  EXPECT_THAT(error_of(infer(OpKind::conv_transpose, {f32({1, 1, 3}), f32({1, 1, 2})}, cropped)),
              HasSubstr("the pads remove the whole output"));
  EXPECT_THAT(error_of(infer(OpKind::conv_transpose, {f32({1, 1, 3}), f32({1, 1, 2})}, conv_attrs({1}, {0, 0}, {1}))),
              HasSubstr("attribute 'output_padding' is required"));
}

TEST(LinalgRules, MatmulFollowsNumpy) {
  EXPECT_EQ(only(infer(OpKind::matmul, {f32({3, 4}), f32({4, 5})}, {})), f32({3, 5}));
  EXPECT_EQ(only(infer(OpKind::matmul, {f32({4}), f32({4})}, {})), f32({}));
  EXPECT_EQ(only(infer(OpKind::matmul, {f32({4}), f32({2, 4, 5})}, {})), f32({2, 5}));
  EXPECT_EQ(only(infer(OpKind::matmul, {f32({2, 3, 4}), f32({4})}, {})), f32({2, 3}));
  // Batch dims broadcast.
  EXPECT_EQ(only(infer(OpKind::matmul, {f32({2, 1, 3, 4}), f32({5, 4, 6})}, {})), f32({2, 5, 3, 6}));
  EXPECT_THAT(error_of(infer(OpKind::matmul, {f32({3, 4}), f32({5, 6})}, {})), HasSubstr("inner dims differ"));
  EXPECT_THAT(error_of(infer(OpKind::matmul, {f32({2, 3, 4}), f32({3, 4, 5})}, {})), HasSubstr("do not broadcast"));
  EXPECT_THAT(error_of(infer(OpKind::matmul, {f32({}), f32({3})}, {})), HasSubstr("rank 1 or more"));
  EXPECT_THAT(error_of(infer(OpKind::matmul, {type(DType::boolean, {2, 2}), type(DType::boolean, {2, 2})}, {})),
              HasSubstr("bool"));
}

AttrMap gemm_attrs(int64_t trans_a, int64_t trans_b) {
  return {{"alpha", 1.0}, {"beta", 1.0}, {"trans_a", trans_a}, {"trans_b", trans_b}};
}

TEST(LinalgRules, GemmTransposesAndBroadcastsC) {
  EXPECT_EQ(only(infer(OpKind::gemm, {f32({4, 3}), f32({5, 4}), f32({1, 5})}, gemm_attrs(1, 1))), f32({3, 5}));
  EXPECT_EQ(only(infer(OpKind::gemm, {f32({2, 3}), f32({3, 4}), f32({})}, gemm_attrs(0, 0))), f32({2, 4}));
  EXPECT_EQ(only(infer(OpKind::gemm, {f32({2, 3}), f32({3, 4})}, gemm_attrs(0, 0))), f32({2, 4}));
  // c broadcasts to [M, N] one way only.
  EXPECT_THAT(error_of(infer(OpKind::gemm, {f32({2, 3}), f32({3, 4}), f32({3, 4})}, gemm_attrs(0, 0))),
              HasSubstr("does not broadcast to [2,4]"));
  EXPECT_THAT(error_of(infer(OpKind::gemm, {f32({2, 3}), f32({3, 4}), f32({2, 2, 4})}, gemm_attrs(0, 0))),
              HasSubstr("does not broadcast"));
  EXPECT_THAT(error_of(infer(OpKind::gemm, {f32({2, 3}), f32({3, 4})}, gemm_attrs(0, 1))), HasSubstr("inner dims differ"));
  EXPECT_THAT(error_of(infer(OpKind::gemm, {f32({2, 3, 1}), f32({3, 4})}, gemm_attrs(0, 0))), HasSubstr("must be 2-D"));
  EXPECT_THAT(error_of(infer(OpKind::gemm, {f32({2, 3}), f32({3, 4})}, gemm_attrs(2, 0))), HasSubstr("trans_a must be 0 or 1"));
}

// ---- The importer ------------------------------------------------------------

Result<ImportResult> import(OnnxModelBuilder& model, const TempDir& dir) {
  return onnx_import::import_model(model.save(dir / "model.onnx"), {});
}

TEST(OnnxLinalg, ConvResolvesAutoPadAndKernelShape) {
  TempDir dir;
  OnnxModelBuilder model(11);
  model.input("x", {1, 1, 5, 5}).input("w", {1, 1, 3, 3}).output("y", {1, 1, 3, 3});
  auto& conv = model.node("Conv", {"x", "w"}, {"y"}, "conv");
  auto* pad = conv.add_attribute();
  pad->set_name("auto_pad");
  pad->set_type(onnx::AttributeProto::STRING);
  pad->set_s("SAME_LOWER");
  auto* strides = conv.add_attribute();
  strides->set_name("strides");
  strides->set_type(onnx::AttributeProto::INTS);
  strides->add_ints(2);
  strides->add_ints(2);
  Result<ImportResult> result = import(model, dir);
  ASSERT_TRUE(result.ok()) << result.status().message();
  const Node* node = output_node(*result);
  EXPECT_EQ(node->op(), OpKind::conv);
  EXPECT_EQ(node->attr_ints("pads"), (Ints{1, 1, 1, 1}));
  EXPECT_EQ(node->attr_ints("strides"), (Ints{2, 2}));
  EXPECT_EQ(node->attr_ints("dilations"), (Ints{1, 1}));
  EXPECT_EQ(node->attr_i("group", -1), 1);
  EXPECT_EQ(node->inputs().size(), 2u);  // no bias operand
}

onnx::AttributeProto& ints_attr(onnx::NodeProto& node, const std::string& name, Ints values) {
  auto* attr = node.add_attribute();
  attr->set_name(name);
  attr->set_type(onnx::AttributeProto::INTS);
  for (int64_t v : values) attr->add_ints(v);
  return *attr;
}

onnx::AttributeProto& string_attr(onnx::NodeProto& node, const std::string& name, const std::string& value) {
  auto* attr = node.add_attribute();
  attr->set_name(name);
  attr->set_type(onnx::AttributeProto::STRING);
  attr->set_s(value);
  return *attr;
}

TEST(OnnxLinalg, SameLowerPutsTheOddPadFirst) {
  TempDir dir;
  OnnxModelBuilder model(11);
  model.input("x", {1, 1, 6}).input("w", {1, 1, 4}).output("y", {1, 1, 6});
  string_attr(model.node("Conv", {"x", "w"}, {"y"}, "conv"), "auto_pad", "SAME_LOWER");
  Result<ImportResult> result = import(model, dir);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(output_node(*result)->attr_ints("pads"), (Ints{2, 1}));
}

TEST(OnnxLinalg, ConvKernelShapeMustMatchTheWeight) {
  TempDir dir;
  OnnxModelBuilder model(11);
  model.input("x", {1, 1, 5, 5}).input("w", {1, 1, 3, 3}).output("y", {1, 1, 4, 4});
  ints_attr(model.node("Conv", {"x", "w"}, {"y"}, "conv"), "kernel_shape", {2, 2});
  Result<ImportResult> result = import(model, dir);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), HasSubstr("kernel_shape [2,2] does not match the weight's [3,3]"));
}

TEST(OnnxLinalg, ConvTransposeOutputShapeBecomesPadsAndOutputPadding) {
  TempDir dir;
  OnnxModelBuilder model(11);
  // Natural sizes are 3*2+3 = 9 and 2*2+3 = 7; output_shape asks for 10 and 6.
  model.input("x", {1, 1, 3, 3}).input("w", {1, 2, 3, 3}).output("y", {1, 2, 10, 6});
  auto& node = model.node("ConvTranspose", {"x", "w"}, {"y"}, "deconv");
  ints_attr(node, "strides", {3, 2});
  ints_attr(node, "output_shape", {10, 6});
  Result<ImportResult> result = import(model, dir);
  ASSERT_TRUE(result.ok()) << result.status().message();
  const Node* out = output_node(*result);
  EXPECT_EQ(out->op(), OpKind::conv_transpose);
  // The extra row goes to output_padding; the extra column is cropped at the start (NOTSET).
  EXPECT_EQ(out->attr_ints("output_padding"), (Ints{1, 0}));
  EXPECT_EQ(out->attr_ints("pads"), (Ints{0, 1, 0, 0}));
  EXPECT_EQ(out->output(0)->type().shape, (Shape{1, 2, 10, 6}));
}

TEST(OnnxLinalg, GemmDefaultsAreExplicit) {
  TempDir dir;
  OnnxModelBuilder model(13);
  model.input("a", {3, 2}).input("b", {4, 3}).output("y", {2, 4});
  auto& node = model.node("Gemm", {"a", "b"}, {"y"}, "gemm");
  auto* trans = node.add_attribute();
  trans->set_name("transA");
  trans->set_type(onnx::AttributeProto::INT);
  trans->set_i(1);
  auto* trans_b = node.add_attribute();
  trans_b->set_name("transB");
  trans_b->set_type(onnx::AttributeProto::INT);
  trans_b->set_i(1);
  Result<ImportResult> result = import(model, dir);
  ASSERT_TRUE(result.ok()) << result.status().message();
  const Node* out = output_node(*result);
  EXPECT_EQ(out->op(), OpKind::gemm);
  EXPECT_EQ(out->attr_f("alpha"), 1.0);
  EXPECT_EQ(out->attr_f("beta"), 1.0);
  EXPECT_EQ(out->attr_i("trans_a"), 1);
  EXPECT_EQ(out->attr_i("trans_b"), 1);
}

// The ops of the imported graph, in order.
std::vector<OpKind> ops_of(const ImportResult& result) {
  std::vector<OpKind> ops;
  for (const Node* node : result.graph.nodes()) ops.push_back(node->op());
  return ops;
}

Result<ImportResult> import_einsum(const TempDir& dir, const std::string& equation, std::vector<Shape> inputs, Shape out) {
  OnnxModelBuilder model(12);
  std::vector<std::string> names;
  for (size_t i = 0; i < inputs.size(); ++i) {
    names.push_back("x" + std::to_string(i));
    model.input(names.back(), inputs[i], onnx::TensorProto::DOUBLE);
  }
  model.output("y", out, onnx::TensorProto::DOUBLE);
  string_attr(model.node("Einsum", names, {"y"}, "einsum"), "equation", equation);
  return import(model, dir);
}

TEST(OnnxLinalg, EinsumLowersToLayoutReduceAndMatmul) {
  TempDir dir;
  Result<ImportResult> batched = import_einsum(dir, "bij, bjk -> bik", {{5, 2, 3}, {5, 3, 4}}, {5, 2, 4});
  ASSERT_TRUE(batched.ok()) << batched.status().message();
  EXPECT_EQ(ops_of(*batched), std::vector<OpKind>{OpKind::matmul});

  Result<ImportResult> summed = import_einsum(dir, "ij->i", {{3, 4}}, {3});
  ASSERT_TRUE(summed.ok()) << summed.status().message();
  EXPECT_EQ(ops_of(*summed), std::vector<OpKind>{OpKind::reduce_sum});
  EXPECT_EQ(output_node(*summed)->attr_ints("axes"), (Ints{1}));

  // b's contracted dim comes first: transpose it; the output is k-major: transpose back.
  Result<ImportResult> transposed = import_einsum(dir, "ij,kj->ki", {{3, 4}, {5, 4}}, {5, 3});
  ASSERT_TRUE(transposed.ok()) << transposed.status().message();
  EXPECT_EQ(ops_of(*transposed), (std::vector<OpKind>{OpKind::transpose, OpKind::matmul, OpKind::transpose}));

  // A diagonal: merge the two dims and take every 6th element.
  Result<ImportResult> diagonal = import_einsum(dir, "...ii->...i", {{3, 5, 5}}, {3, 5});
  ASSERT_TRUE(diagonal.ok()) << diagonal.status().message();
  EXPECT_EQ(ops_of(*diagonal), (std::vector<OpKind>{OpKind::reshape, OpKind::slice}));
  EXPECT_EQ(output_node(*diagonal)->attr_ints("steps"), (Ints{6}));

  // Implicit output: the labels used once, in alphabetical order.
  Result<ImportResult> implicit = import_einsum(dir, "ba,b", {{3, 4}, {3}}, {4});
  ASSERT_TRUE(implicit.ok()) << implicit.status().message();
  EXPECT_EQ(output_node(*implicit)->output(0)->type().shape, (Shape{4}));
}

TEST(OnnxLinalg, EinsumRejectsWhatItCannotMap) {
  TempDir dir;
  Result<ImportResult> broadcast = import_einsum(dir, "ij,ij->ij", {{3, 4}, {1, 4}}, {3, 4});
  ASSERT_FALSE(broadcast.ok());
  EXPECT_THAT(broadcast.status().message(), HasSubstr("einsum broadcasting is not supported"));
  Result<ImportResult> rank = import_einsum(dir, "ijk->i", {{3, 4}}, {3});
  ASSERT_FALSE(rank.ok());
  EXPECT_THAT(rank.status().message(), HasSubstr("does not match its operand's rank 2"));
}

TEST(OnnxLinalg, ConvIntegerSubtractsZeroPointsInI32) {
  TempDir dir;
  OnnxModelBuilder model(10);
  model.input("x", {1, 1, 3, 3}, onnx::TensorProto::UINT8)
      .input("w", {2, 1, 2, 2}, onnx::TensorProto::UINT8)
      .input("x_zp", {}, onnx::TensorProto::UINT8)
      .output("y", {1, 2, 2, 2}, onnx::TensorProto::INT32);
  // A per-output-channel weight zero point, as a constant.
  auto& w_zp = model.initializer("w_zp", {2}, onnx::TensorProto::UINT8);
  w_zp.set_raw_data(std::string("\x03\x05", 2));
  model.node("ConvInteger", {"x", "w", "x_zp", "w_zp"}, {"y"}, "convint");
  Result<ImportResult> result = import(model, dir);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(ops_of(*result), (std::vector<OpKind>{OpKind::cast, OpKind::cast, OpKind::sub, OpKind::cast, OpKind::sub,
                                                  OpKind::conv}));
  const Node* conv = output_node(*result);
  EXPECT_EQ(conv->output(0)->type(), type(DType::i32, {1, 2, 2, 2}));
  // The weight's zero point became an i32 constant [2,1,1,1] that broadcasts per channel.
  const Value* zp = conv->input(1)->producer()->input(1);
  ASSERT_TRUE(zp->is_constant());
  EXPECT_EQ(zp->type(), type(DType::i32, {2, 1, 1, 1}));
  EXPECT_EQ(zp->constant_as<int32_t>()[1], 5);
}

TEST(OnnxLinalg, ConvIntegerWithConstantZeroPointsIsQconv) {
  TempDir dir;
  OnnxModelBuilder model(10);
  model.input("x", {1, 1, 3, 3}, onnx::TensorProto::UINT8)
      .input("w", {2, 1, 2, 2}, onnx::TensorProto::UINT8)
      .output("y", {1, 2, 2, 2}, onnx::TensorProto::INT32);
  model.initializer("x_zp", {}, onnx::TensorProto::UINT8).set_raw_data(std::string("\x07", 1));
  model.initializer("w_zp", {2}, onnx::TensorProto::UINT8).set_raw_data(std::string("\x03\x05", 2));
  model.node("ConvInteger", {"x", "w", "x_zp", "w_zp"}, {"y"}, "convint");
  Result<ImportResult> result = import(model, dir);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(ops_of(*result), std::vector<OpKind>{OpKind::qconv});
  const Node* conv = output_node(*result);
  EXPECT_EQ(conv->attr_i("x_zero_point"), 7);
  EXPECT_EQ(conv->attr_ints("w_zero_point"), (std::vector<int64_t>{3, 5}));
  EXPECT_EQ(conv->output(0)->type(), type(DType::i32, {1, 2, 2, 2}));
}

TEST(OnnxLinalg, MatMulIntegerWithConstantZeroPointsIsQmatmul) {
  TempDir dir;
  OnnxModelBuilder model(10);
  model.input("a", {4, 3}, onnx::TensorProto::INT8)
      .input("b", {3, 2}, onnx::TensorProto::INT8)
      .output("y", {4, 2}, onnx::TensorProto::INT32);
  model.initializer("b_zp", {2}, onnx::TensorProto::INT8).set_raw_data(std::string("\x01\xff", 2));
  model.node("MatMulInteger", {"a", "b", "", "b_zp"}, {"y"}, "mmi");
  Result<ImportResult> result = import(model, dir);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(ops_of(*result), std::vector<OpKind>{OpKind::qmatmul});
  EXPECT_EQ(output_node(*result)->attr_ints("b_zero_point"), (std::vector<int64_t>{1, -1}));
}

TEST(OnnxLinalg, MatMulIntegerTakesPerColumnZeroPointsAtRunTime) {
  TempDir dir;
  OnnxModelBuilder model(10);
  model.input("a", {4, 3}, onnx::TensorProto::UINT8)
      .input("b", {3, 2}, onnx::TensorProto::UINT8)
      .input("a_zp", {}, onnx::TensorProto::UINT8)
      .input("b_zp", {2}, onnx::TensorProto::UINT8)
      .output("y", {4, 2}, onnx::TensorProto::INT32);
  model.node("MatMulInteger", {"a", "b", "a_zp", "b_zp"}, {"y"}, "mmi");
  Result<ImportResult> result = import(model, dir);
  ASSERT_TRUE(result.ok()) << result.status().message();
  const Node* matmul = output_node(*result);
  EXPECT_EQ(matmul->op(), OpKind::matmul);
  EXPECT_EQ(matmul->output(0)->type(), type(DType::i32, {4, 2}));
  // b - b_zp: the [2] zero point broadcasts along b's columns as it is.
  const Node* centred_b = matmul->input(1)->producer();
  EXPECT_EQ(centred_b->op(), OpKind::sub);
  EXPECT_EQ(centred_b->input(1)->type(), type(DType::i32, {2}));

  // A per-row zero point of a must be a constant: at run time it is refused.
  OnnxModelBuilder per_row(10);
  per_row.input("a", {4, 3}, onnx::TensorProto::UINT8)
      .input("b", {3, 2}, onnx::TensorProto::UINT8)
      .input("a_zp", {4}, onnx::TensorProto::UINT8)
      .output("y", {4, 2}, onnx::TensorProto::INT32);
  per_row.node("MatMulInteger", {"a", "b", "a_zp"}, {"y"}, "mmi");
  Result<ImportResult> refused = import(per_row, dir);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr("a per-axis zero point known only at run time is not supported"));
}

TEST(OnnxLinalg, QLinearMatMulIsDequantizeMatmulQuantize) {
  TempDir dir;
  OnnxModelBuilder model(10);
  model.input("a", {2, 4}, onnx::TensorProto::UINT8)
      .input("a_scale", {}, onnx::TensorProto::FLOAT)
      .input("a_zp", {}, onnx::TensorProto::UINT8)
      .input("b", {4, 3}, onnx::TensorProto::INT8)
      .input("b_scale", {3}, onnx::TensorProto::FLOAT)
      .input("b_zp", {3}, onnx::TensorProto::INT8)
      .input("y_scale", {}, onnx::TensorProto::FLOAT)
      .input("y_zp", {}, onnx::TensorProto::UINT8)
      .output("y", {2, 3}, onnx::TensorProto::UINT8);
  model.node("QLinearMatMul", {"a", "a_scale", "a_zp", "b", "b_scale", "b_zp", "y_scale", "y_zp"}, {"y"}, "qmm");
  Result<ImportResult> result = import(model, dir);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(ops_of(*result),
            (std::vector<OpKind>{OpKind::dequantize, OpKind::dequantize, OpKind::matmul, OpKind::quantize}));
  // b's scale is per column: axis 1.
  EXPECT_EQ(result->graph.nodes()[1]->attr_i("axis", -1), 1);
  EXPECT_EQ(output_node(*result)->output(0)->type(), type(DType::u8, {2, 3}));
}

}  // namespace
}  // namespace ingot
