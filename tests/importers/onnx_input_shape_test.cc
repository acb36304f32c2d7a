// Binding symbolic input dims: --input-shape, or 1 with a warning.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "importers/onnx/onnx_importer.h"
#include "tests/importers/onnx_model_builder.h"

namespace ingot {
namespace {

using ::testing::HasSubstr;
using testing::OnnxModelBuilder;
using testing::TempDir;

std::string symbolic_model(const TempDir& dir) {
  OnnxModelBuilder model;
  model.input("x", {-1, 3, -1}, onnx::TensorProto::FLOAT, {"batch", "", ""}).output("y", {-1, 3, -1});
  model.node("Relu", {"x"}, {"y"}, "relu");
  return model.save(dir / "symbolic.onnx");
}

TEST(OnnxInputShape, UnboundDimsDefaultToOneWithAWarning) {
  TempDir dir;
  Result<ImportResult> result = onnx_import::import_model(symbolic_model(dir), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->graph.inputs()[0]->type().shape, (Shape{1, 3, 1}));
  EXPECT_EQ(result->graph.outputs()[0]->type().shape, (Shape{1, 3, 1}));
  ASSERT_EQ(result->warnings.size(), 2u);
  EXPECT_THAT(result->warnings[0], HasSubstr("input 'x': dim 0 ('batch') bound to 1"));
  EXPECT_THAT(result->warnings[1], HasSubstr("dim 2 (unknown) bound to 1"));
}

TEST(OnnxInputShape, InputShapeOptionBindsEveryDim) {
  TempDir dir;
  ImportOptions options;
  options.input_shapes["x"] = {4, 3, 7};
  Result<ImportResult> result = onnx_import::import_model(symbolic_model(dir), options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->graph.outputs()[0]->type().shape, (Shape{4, 3, 7}));
  EXPECT_TRUE(result->warnings.empty());
}

TEST(OnnxInputShape, WrongRankIsAUsageError) {
  TempDir dir;
  ImportOptions options;
  options.input_shapes["x"] = {4, 3};
  Result<ImportResult> result = onnx_import::import_model(symbolic_model(dir), options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().kind(), ErrorKind::usage);
  EXPECT_THAT(result.status().message(), HasSubstr("rank 3, not 2"));
}

TEST(OnnxInputShape, ConflictWithAFixedDimIsAUsageError) {
  TempDir dir;
  ImportOptions options;
  options.input_shapes["x"] = {4, 5, 7};
  Result<ImportResult> result = onnx_import::import_model(symbolic_model(dir), options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().kind(), ErrorKind::usage);
  EXPECT_THAT(result.status().message(), HasSubstr("dim 1 is fixed to 3 by the model, not 5"));
}

TEST(OnnxInputShape, UnknownInputNameIsAUsageError) {
  TempDir dir;
  ImportOptions options;
  options.input_shapes["nope"] = {1};
  Result<ImportResult> result = onnx_import::import_model(symbolic_model(dir), options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().kind(), ErrorKind::usage);
  EXPECT_THAT(result.status().message(), HasSubstr("'nope', which is not an input"));
}

}  // namespace
}  // namespace ingot
