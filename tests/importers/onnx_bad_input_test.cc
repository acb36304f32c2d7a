// Bad input: every case is a clean invalid-input error (exit 2) whose message
// names the file and, where there is one, the node and op.
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "importers/onnx/onnx_importer.h"
#include "tests/importers/onnx_model_builder.h"

namespace ingot {
namespace {

using ::testing::HasSubstr;
using testing::OnnxModelBuilder;
using testing::TempDir;

Status import_error(const std::string& path, ImportOptions options = {}) {
  Result<ImportResult> result = onnx_import::import_model(path, options);
  EXPECT_FALSE(result.ok()) << path << " imported but should not";
  return result.status();
}

std::string tiny_cnn() { return std::string(INGOT_SOURCE_DIR) + "/testdata/tiny_cnn.onnx"; }

TEST(OnnxBadInput, MissingFile) {
  Status status = import_error("/nonexistent/model.onnx");
  EXPECT_EQ(status.kind(), ErrorKind::invalid_input);
  EXPECT_THAT(status.message(), HasSubstr("/nonexistent/model.onnx: no such file"));
}

TEST(OnnxBadInput, Directory) {
  TempDir dir;
  EXPECT_THAT(import_error(dir.path().string()).message(), HasSubstr("is a directory"));
}

TEST(OnnxBadInput, NotAModel) {
  TempDir dir;
  std::ofstream(dir / "notes.onnx") << "this is plain text, not a protobuf\n";
  Status status = import_error((dir / "notes.onnx").string());
  EXPECT_EQ(status.kind(), ErrorKind::invalid_input);
  EXPECT_THAT(status.message(), HasSubstr("is not an ONNX model"));
}

TEST(OnnxBadInput, EveryTruncationIsRejectedCleanly) {
  std::ifstream in(tiny_cnn(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 1000u);
  TempDir dir;
  for (size_t length = 0; length < bytes.size(); length += 97) {
    std::string path = (dir / "cut.onnx").string();
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(length));
    Status status = import_error(path);
    EXPECT_EQ(status.kind(), ErrorKind::invalid_input) << "cut at " << length << ": " << status.message();
    EXPECT_THAT(status.message(), HasSubstr(path));
  }
}

TEST(OnnxBadInput, OpsetNewerThanSupported) {
  TempDir dir;
  OnnxModelBuilder model(onnx_import::max_supported_opset() + 1);
  model.input("x", {2}).output("y", {2}).node("Relu", {"x"}, {"y"}, "relu");
  Status status = import_error(model.save(dir / "m.onnx"));
  EXPECT_EQ(status.kind(), ErrorKind::invalid_input);
  EXPECT_THAT(status.message(), HasSubstr("newer than the newest ingot supports"));
}

TEST(OnnxBadInput, UnmappableOpNamesNodeAndOp) {
  TempDir dir;
  OnnxModelBuilder model;
  model.import_domain("com.example", 1).input("x", {2}).output("y", {2});
  model.node("Relu", {"x"}, {"r"}, "first");
  model.node("Mystery", {"r"}, {"y"}, "the_node", "com.example");
  std::string path = model.save(dir / "m.onnx");
  Status status = import_error(path);
  EXPECT_EQ(status.kind(), ErrorKind::invalid_input);
  EXPECT_THAT(status.message(), HasSubstr(path + ": node 'the_node' (com.example:Mystery): "));
}

TEST(OnnxBadInput, UnmappableOpIsKeptForInspection) {
  TempDir dir;
  OnnxModelBuilder model;
  model.import_domain("com.example", 1).input("x", {2}).output("y", {2});
  model.node("Mystery", {"x"}, {"m"}, "the_node", "com.example");
  model.node("Relu", {"m"}, {"y"}, "after");
  // Without a declared type for 'm', inspection cannot go past the node.
  auto* info = model.proto().mutable_graph()->add_value_info();
  info->set_name("m");
  info->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
  info->mutable_type()->mutable_tensor_type()->mutable_shape()->add_dim()->set_dim_value(2);
  ImportOptions options;
  options.keep_unmapped = true;
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->unmapped.size(), 1u);
  EXPECT_EQ(result->unmapped[0].node_name, "the_node");
  EXPECT_EQ(result->unmapped[0].op_type, "com.example:Mystery");
  EXPECT_EQ(result->graph.num_nodes(), 2u);
}

TEST(OnnxBadInput, ShapeThatCannotBeInferred) {
  TempDir dir;
  OnnxModelBuilder model;
  model.import_domain("com.example", 1).input("x", {2}).output("y", {2});
  model.node("Mystery", {"x"}, {"y_unknown"}, "the_node", "com.example");
  model.node("Relu", {"y_unknown"}, {"y"}, "after");
  ImportOptions options;
  options.keep_unmapped = true;
  Status status = import_error(model.save(dir / "m.onnx"), options);
  EXPECT_EQ(status.kind(), ErrorKind::invalid_input);
  EXPECT_THAT(status.message(), HasSubstr("node 'the_node' (com.example:Mystery)"));
  EXPECT_THAT(status.message(), HasSubstr("cannot be inferred"));
}

TEST(OnnxBadInput, CheckerFailureIsReported) {
  TempDir dir;
  OnnxModelBuilder model;
  model.input("x", {2}).output("y", {2});
  model.node("Relu", {"undefined_value"}, {"y"}, "relu");
  Status status = import_error(model.save(dir / "m.onnx"));
  EXPECT_EQ(status.kind(), ErrorKind::invalid_input);
  EXPECT_THAT(status.message(), HasSubstr("fails the ONNX checker"));
}

TEST(OnnxBadInput, StringInputIsUnsupported) {
  TempDir dir;
  OnnxModelBuilder model;
  model.input("text", {1}, onnx::TensorProto::STRING).output("y", {1}, onnx::TensorProto::STRING);
  model.node("Identity", {"text"}, {"y"}, "id");
  Status status = import_error(model.save(dir / "m.onnx"));
  EXPECT_THAT(status.message(), HasSubstr("input 'text' has unsupported element type STRING"));
}

}  // namespace
}  // namespace ingot

namespace ingot {
namespace {

// onnx's own shape inference divides by strides unchecked (SIGFPE on 0).
TEST(OnnxBadInput, ZeroStrideIsRejectedBeforeShapeInference) {
  TempDir dir;
  OnnxModelBuilder model;
  model.input("x", {1, 1, 4, 4}).output("y", {1, 1, 2, 2});
  auto& pool = model.node("MaxPool", {"x"}, {"y"}, "pool");
  auto* kernel = pool.add_attribute();
  kernel->set_name("kernel_shape");
  kernel->set_type(onnx::AttributeProto::INTS);
  kernel->add_ints(2);
  kernel->add_ints(2);
  auto* strides = pool.add_attribute();
  strides->set_name("strides");
  strides->set_type(onnx::AttributeProto::INTS);
  strides->add_ints(0);
  strides->add_ints(0);
  Status status = import_error(model.save(dir / "m.onnx"));
  EXPECT_EQ(status.kind(), ErrorKind::invalid_input);
  EXPECT_THAT(status.message(), HasSubstr("node 'pool' (MaxPool): attribute 'strides' must be positive"));
}

}  // namespace
}  // namespace ingot
