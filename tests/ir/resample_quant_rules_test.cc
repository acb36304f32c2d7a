// Shape rules of resize, grid_sample, quantize and dequantize, and what the
// ONNX importer makes of Resize, Upsample, GridSample, QuantizeLinear,
// DequantizeLinear and DynamicQuantizeLinear.
#include <cstring>
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
using testing::add_string;

using ::testing::HasSubstr;
using testing::OnnxModelBuilder;
using testing::TempDir;
using Floats = std::vector<double>;

TensorType u8(Shape shape) { return type(DType::u8, std::move(shape)); }

AttrMap resize_attrs(std::optional<Floats> scales, std::string mode = "linear",
                     std::string transform = "half_pixel") {
  AttrMap attrs{{"mode", mode},
                {"coordinate_transformation_mode", transform},
                {"nearest_mode", std::string("round_prefer_floor")},
                {"cubic_coeff_a", -0.75},
                {"exclude_outside", int64_t{0}},
                {"extrapolation_value", 0.0}};
  if (scales) attrs["scales"] = *scales;
  return attrs;
}

TEST(ResampleRules, ResizeScalesFloorTheProduct) {
  EXPECT_EQ(only(infer(OpKind::resize, {f32({1, 1, 2, 2})}, resize_attrs(Floats{1, 1, 2, 3}))), f32({1, 1, 4, 6}));
  // 4 * 0.6 = 2.4 -> 2.
  EXPECT_EQ(only(infer(OpKind::resize, {f32({1, 1, 4, 4})}, resize_attrs(Floats{1, 1, 0.6, 0.6}, "cubic"))), f32({1, 1, 2, 2}));
  // The product is taken in f32, as ONNX does: 10 * 0.7f rounds to 7, where
  // the exact product (6.99999988) would floor to 6.
  EXPECT_EQ(only(infer(OpKind::resize, {f32({10})}, resize_attrs(Floats{static_cast<double>(0.7f)}))), f32({7}));
}

TEST(ResampleRules, ResizeRejectsBadAttributes) {
  EXPECT_THAT(error_of(infer(OpKind::resize, {f32({1, 1, 2, 2})}, resize_attrs(Floats{1, 2}))),
              HasSubstr("scales must have 4 entries"));
  EXPECT_THAT(error_of(infer(OpKind::resize, {f32({2, 2})}, resize_attrs(Floats{1, 0}))), HasSubstr("must be positive"));
  EXPECT_THAT(error_of(infer(OpKind::resize, {f32({2, 2})}, resize_attrs(Floats{1, 0.1}))), HasSubstr("shrinks dim 1 to nothing"));
  EXPECT_THAT(error_of(infer(OpKind::resize, {f32({2, 2})}, resize_attrs(Floats{1, 1}, "bilinear"))),
              HasSubstr("mode 'bilinear' is not one of nearest, linear, cubic"));
  EXPECT_THAT(error_of(infer(OpKind::resize, {f32({2, 2})}, resize_attrs(Floats{1, 1}, "linear", "corners"))),
              HasSubstr("coordinate_transformation_mode 'corners'"));
  EXPECT_THAT(error_of(infer(OpKind::resize, {f32({2, 2})}, resize_attrs(std::nullopt))), HasSubstr("exactly one of"));
  EXPECT_THAT(error_of(infer(OpKind::resize, {type(DType::boolean, {2, 2})}, resize_attrs(Floats{1, 1}))), HasSubstr("bool"));
}

TEST(ResampleRules, RoiBelongsToCropAndResize) {
  AttrMap crop = resize_attrs(Floats{1, 1, 0.75, 0.75}, "linear", "tf_crop_and_resize");
  EXPECT_THAT(error_of(infer(OpKind::resize, {f32({1, 1, 4, 4})}, crop)), HasSubstr("needs the roi attribute"));
  crop["roi"] = Floats{0, 0, 0.4, 0.6, 1, 1, 0.6, 0.8};
  EXPECT_EQ(only(infer(OpKind::resize, {f32({1, 1, 4, 4})}, crop)), f32({1, 1, 3, 3}));
  crop["roi"] = Floats{0, 1};
  EXPECT_THAT(error_of(infer(OpKind::resize, {f32({1, 1, 4, 4})}, crop)), HasSubstr("roi must have 8 entries"));
  AttrMap plain = resize_attrs(Floats{1, 1});
  plain["roi"] = Floats{0, 0, 1, 1};
  EXPECT_THAT(error_of(infer(OpKind::resize, {f32({2, 2})}, plain)), HasSubstr("only used by tf_crop_and_resize"));
}

TEST(ResampleRules, RunTimeScalesOrSizesKeepTheDeclaredType) {
  // The sizes operand, with the declared output type.
  EXPECT_EQ(only(infer(OpKind::resize, {f32({1, 1, 2, 2}), std::nullopt, type(DType::i64, {4})}, resize_attrs(std::nullopt),
                       {f32({1, 1, 7, 8})})),
            f32({1, 1, 7, 8}));
  EXPECT_EQ(only(infer(OpKind::resize, {f32({1, 1, 2, 2}), f32({4})}, resize_attrs(std::nullopt), {f32({1, 1, 4, 6})})),
            f32({1, 1, 4, 6}));
  EXPECT_THAT(error_of(infer(OpKind::resize, {f32({1, 1, 2, 2}), f32({3})}, resize_attrs(std::nullopt), {f32({1, 1, 4, 6})})),
              HasSubstr("must be [4]"));
  EXPECT_THAT(error_of(infer(OpKind::resize, {f32({1, 1, 2, 2}), std::nullopt, f32({4})}, resize_attrs(std::nullopt),
                             {f32({1, 1, 4, 6})})),
              HasSubstr("sizes operand must be an i64 tensor"));
  // Without a declared type (an intermediate) the data-dependent form is refused.
  EXPECT_THAT(error_of(infer(OpKind::resize, {f32({1, 1, 2, 2}), f32({4})}, resize_attrs(std::nullopt))),
              HasSubstr("declared output"));
  // Attribute and operand together are ambiguous.
  EXPECT_THAT(error_of(infer(OpKind::resize, {f32({2, 2}), f32({2})}, resize_attrs(Floats{1, 1}), {f32({2, 2})})),
              HasSubstr("exactly one of"));
}

AttrMap grid_attrs(std::string mode = "bilinear", std::string padding = "zeros", int64_t align = 0) {
  return {{"mode", mode}, {"padding_mode", padding}, {"align_corners", align}};
}

TEST(ResampleRules, GridSampleTakesTheGridsSpatialSize) {
  EXPECT_EQ(only(infer(OpKind::grid_sample, {f32({2, 3, 4, 5}), f32({2, 6, 7, 2})}, grid_attrs())), f32({2, 3, 6, 7}));
  EXPECT_EQ(only(infer(OpKind::grid_sample, {type(DType::f64, {1, 1, 3, 2}), f32({1, 2, 4, 2})},
                       grid_attrs("bicubic", "reflection", 1))),
            type(DType::f64, {1, 1, 2, 4}));
}

TEST(ResampleRules, GridSampleRejectsBadOperandsAndAttributes) {
  EXPECT_THAT(error_of(infer(OpKind::grid_sample, {f32({1, 1, 3, 2}), f32({1, 2, 4, 3})}, grid_attrs())),
              HasSubstr("grid must be [N, H_out, W_out, 2]"));
  EXPECT_THAT(error_of(infer(OpKind::grid_sample, {f32({1, 1, 3, 2}), f32({2, 2, 4, 2})}, grid_attrs())),
              HasSubstr("grid has batch 2 but x has 1"));
  EXPECT_THAT(error_of(infer(OpKind::grid_sample, {f32({1, 3, 2}), f32({1, 2, 2})}, grid_attrs())),
              HasSubstr("x must have rank 4"));
  EXPECT_THAT(error_of(infer(OpKind::grid_sample, {u8({1, 1, 3, 2}), f32({1, 2, 4, 2})}, grid_attrs())),
              HasSubstr("float tensors"));
  EXPECT_THAT(error_of(infer(OpKind::grid_sample, {f32({1, 1, 3, 2}), f32({1, 2, 4, 2})}, grid_attrs("linear"))),
              HasSubstr("mode 'linear' is not one of bilinear, nearest, bicubic"));
  EXPECT_THAT(error_of(infer(OpKind::grid_sample, {f32({1, 1, 3, 2}), f32({1, 2, 4, 2})}, grid_attrs("nearest", "edge"))),
              HasSubstr("padding_mode 'edge'"));
  EXPECT_THAT(error_of(infer(OpKind::grid_sample, {f32({1, 1, 3, 2}), f32({1, 2, 4, 2})}, grid_attrs("nearest", "zeros", 2))),
              HasSubstr("align_corners must be 0 or 1"));
}

TEST(QuantRules, QuantizeTakesTheZeroPointDtype) {
  EXPECT_EQ(only(infer(OpKind::quantize, {f32({6}), f32({}), type(DType::i8, {})}, {{"axis", int64_t{0}}})),
            type(DType::i8, {6}));
  EXPECT_EQ(only(infer(OpKind::quantize, {f32({6}), f32({1})}, {{"axis", int64_t{0}}})), u8({6}));
  // Per-axis: one scale per channel of axis 1.
  EXPECT_EQ(only(infer(OpKind::quantize, {f32({1, 3, 3, 2}), f32({3}), u8({3})}, {{"axis", int64_t{1}}})), u8({1, 3, 3, 2}));
  EXPECT_THAT(error_of(infer(OpKind::quantize, {f32({1, 3, 3, 2}), f32({3}), u8({3})}, {{"axis", int64_t{3}}})),
              HasSubstr("the scale has 3 entries but axis 3 has 2"));
  EXPECT_THAT(error_of(infer(OpKind::quantize, {f32({1, 3, 3, 2}), f32({3}), u8({1})}, {{"axis", int64_t{1}}})),
              HasSubstr("does not match the scale"));
  EXPECT_THAT(error_of(infer(OpKind::quantize, {f32({6}), f32({}), u8({})}, {{"axis", int64_t{1}}})),
              HasSubstr("axis must be 0 for a per-tensor scale"));
  EXPECT_THAT(error_of(infer(OpKind::quantize, {f32({6}), f32({}), type(DType::i32, {})}, {{"axis", int64_t{0}}})),
              HasSubstr("the zero point must be u8, i8"));
  EXPECT_THAT(error_of(infer(OpKind::quantize, {f32({6}), u8({}), u8({})}, {{"axis", int64_t{0}}})),
              HasSubstr("the scale must be a float tensor"));
  EXPECT_THAT(error_of(infer(OpKind::quantize, {u8({6}), f32({}), u8({})}, {{"axis", int64_t{0}}})),
              HasSubstr("float or i32 input"));
}

TEST(QuantRules, DequantizeGivesTheScaleDtype) {
  EXPECT_EQ(only(infer(OpKind::dequantize, {u8({4}), f32({}), u8({})}, {{"axis", int64_t{0}}})), f32({4}));
  EXPECT_EQ(only(infer(OpKind::dequantize, {type(DType::i32, {4}), f32({})}, {{"axis", int64_t{0}}})), f32({4}));
  EXPECT_THAT(error_of(infer(OpKind::dequantize, {u8({4}), f32({}), type(DType::i8, {})}, {{"axis", int64_t{0}}})),
              HasSubstr("the zero point must have the input's dtype"));
  EXPECT_THAT(error_of(infer(OpKind::dequantize, {f32({4}), f32({})}, {{"axis", int64_t{0}}})), HasSubstr("dequantize takes"));
  EXPECT_THAT(error_of(infer(OpKind::dequantize, {u8({4}), f32({})}, {})), HasSubstr("attribute 'axis' is required"));
}

// ---- The importer ------------------------------------------------------------

TEST(OnnxResample, ConstantSizesBecomeScales) {
  TempDir dir;
  OnnxModelBuilder model(13);
  model.input("x", {1, 1, 3, 4}).output("y", {1, 1, 7, 2});
  auto& sizes = model.initializer("sizes", {4}, onnx::TensorProto::INT64);
  for (int64_t v : {1, 1, 7, 2}) sizes.add_int64_data(v);
  add_string(model.node("Resize", {"x", "", "", "sizes"}, {"y"}, "resize"), "mode", "nearest");
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  const Node* node = output_node(*result);
  EXPECT_EQ(node->op(), OpKind::resize);
  EXPECT_EQ(node->inputs().size(), 1u);  // the sizes tensor is not an operand
  std::vector<double> scales = node->attr_floats("scales");
  ASSERT_EQ(scales.size(), 4u);
  EXPECT_NEAR(scales[2], 7.0 / 3.0, 1e-6);
  EXPECT_EQ(scales[3], 0.5);
  EXPECT_EQ(node->attr_s("coordinate_transformation_mode"), "half_pixel");
  EXPECT_EQ(node->attr_s("nearest_mode"), "round_prefer_floor");
  EXPECT_EQ(node->output(0)->type().shape, (Shape{1, 1, 7, 2}));
}

TEST(OnnxResample, RunTimeRoiIsUnsupported) {
  TempDir dir;
  OnnxModelBuilder model(13);
  model.input("x", {1, 1, 4, 4}).input("roi", {8}).output("y", {1, 1, 3, 3});
  auto& sizes = model.initializer("sizes", {4}, onnx::TensorProto::INT64);
  for (int64_t v : {1, 1, 3, 3}) sizes.add_int64_data(v);
  add_string(model.node("Resize", {"x", "roi", "", "sizes"}, {"y"}, "resize"), "coordinate_transformation_mode",
             "tf_crop_and_resize");
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().kind(), ErrorKind::invalid_input);
  EXPECT_THAT(result.status().message(), HasSubstr("a roi known only at run time is not supported"));
}

TEST(OnnxResample, UpsampleIsAsymmetricFloor) {
  TempDir dir;
  OnnxModelBuilder model(7);
  model.input("x", {1, 1, 2, 2}).output("y", {1, 1, 4, 6});
  auto& node = model.node("Upsample", {"x"}, {"y"}, "up");
  auto* scales = node.add_attribute();
  scales->set_name("scales");
  scales->set_type(onnx::AttributeProto::FLOATS);
  for (float s : {1.0f, 1.0f, 2.0f, 3.0f}) scales->add_floats(s);
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  const Node* out = output_node(*result);
  EXPECT_EQ(out->attr_floats("scales"), (Floats{1, 1, 2, 3}));
  EXPECT_EQ(out->attr_s("mode"), "nearest");
  EXPECT_EQ(out->attr_s("coordinate_transformation_mode"), "asymmetric");
  EXPECT_EQ(out->attr_s("nearest_mode"), "floor");
}

TEST(OnnxResample, GridSampleDefaultsAreExplicit) {
  TempDir dir;
  OnnxModelBuilder model(16);
  model.input("x", {1, 2, 3, 2}).input("grid", {1, 2, 4, 2}).output("y", {1, 2, 2, 4});
  add_string(model.node("GridSample", {"x", "grid"}, {"y"}, "gs"), "padding_mode", "border");
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  const Node* node = output_node(*result);
  EXPECT_EQ(node->op(), OpKind::grid_sample);
  EXPECT_EQ(node->attr_s("mode"), "bilinear");
  EXPECT_EQ(node->attr_s("padding_mode"), "border");
  EXPECT_EQ(node->attr_i("align_corners", -1), 0);
  EXPECT_EQ(node->output(0)->type(), f32({1, 2, 2, 4}));
}

TEST(OnnxQuant, QuantizeLinearNormalisesTheAxis) {
  TempDir dir;
  OnnxModelBuilder model(13);
  model.input("x", {1, 3, 2}).input("s", {3}).input("zp", {3}, onnx::TensorProto::INT8).output("y", {1, 3, 2}, onnx::TensorProto::INT8);
  auto& node = model.node("QuantizeLinear", {"x", "s", "zp"}, {"y"}, "q");
  auto* axis = node.add_attribute();
  axis->set_name("axis");
  axis->set_type(onnx::AttributeProto::INT);
  axis->set_i(-2);
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(output_node(*result)->op(), OpKind::quantize);
  EXPECT_EQ(output_node(*result)->attr_i("axis", -1), 1);
  EXPECT_EQ(output_node(*result)->output(0)->type(), type(DType::i8, {1, 3, 2}));
}

TEST(OnnxQuant, DynamicQuantizeLinearBindsAllThreeOutputs) {
  TempDir dir;
  OnnxModelBuilder model(11);
  model.input("x", {3, 4})
      .output("y", {3, 4}, onnx::TensorProto::UINT8)
      .output("scale", {}, onnx::TensorProto::FLOAT)
      .output("zp", {}, onnx::TensorProto::UINT8);
  model.node("DynamicQuantizeLinear", {"x"}, {"y", "scale", "zp"}, "dq");
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  const auto& outputs = result->graph.outputs();
  ASSERT_EQ(outputs.size(), 3u);
  EXPECT_EQ(outputs[0]->producer()->op(), OpKind::quantize);
  EXPECT_EQ(outputs[1]->type(), f32({}));
  EXPECT_EQ(outputs[2]->type(), u8({}));
  // The reductions cover every axis.
  const Node* first = result->graph.nodes()[0];
  EXPECT_EQ(first->op(), OpKind::reduce_min);
  EXPECT_EQ(first->attr_ints("axes"), (std::vector<int64_t>{0, 1}));
}

}  // namespace
}  // namespace ingot
