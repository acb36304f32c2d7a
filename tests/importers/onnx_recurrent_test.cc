// What the ONNX importer makes of LSTM, GRU and RNN: a static unroll into
// core ops that verifies and gives ONNX's output shapes.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "importers/onnx/onnx_importer.h"
#include "ir/verifier.h"
#include "tests/importers/onnx_model_builder.h"
#include "tests/ir/rule_test_util.h"

namespace ingot {
namespace {

using rule_test::f32;
using testing::add_int;
using testing::add_string;

using ::testing::HasSubstr;
using testing::OnnxModelBuilder;
using testing::TempDir;

// A float initializer filled with small distinct values.
void add_weights(OnnxModelBuilder& model, const std::string& name, std::vector<int64_t> dims) {
  auto& tensor = model.initializer(name, dims, onnx::TensorProto::FLOAT);
  int64_t count = 1;
  for (int64_t d : dims) count *= d;
  for (int64_t i = 0; i < count; ++i) tensor.add_float_data(0.01f * static_cast<float>(i % 17));
}

std::map<OpKind, int> histogram(const Graph& graph) {
  std::map<OpKind, int> counts;
  for (const Node* node : graph.nodes()) ++counts[node->op()];
  return counts;
}

const TensorType& output_type(const ImportResult& result, size_t i) { return result.graph.outputs().at(i)->type(); }

// T=2, B=1, I=3, H=4, forward, every output.
TEST(OnnxRecurrent, LstmUnrollsIntoCoreOpsWithOnnxShapes) {
  TempDir dir;
  OnnxModelBuilder model(14);
  model.input("x", {2, 1, 3}).output("y", {2, 1, 1, 4}).output("y_h", {1, 1, 4}).output("y_c", {1, 1, 4});
  add_weights(model, "w", {1, 16, 3});
  add_weights(model, "r", {1, 16, 4});
  add_weights(model, "b", {1, 32});
  add_int(model.node("LSTM", {"x", "w", "r", "b"}, {"y", "y_h", "y_c"}, "lstm"), "hidden_size", 4);
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_TRUE(verify(result->graph).ok());
  ASSERT_EQ(result->graph.outputs().size(), 3u);
  EXPECT_EQ(output_type(*result, 0), f32({2, 1, 1, 4}));
  EXPECT_EQ(output_type(*result, 1), f32({1, 1, 4}));
  EXPECT_EQ(output_type(*result, 2), f32({1, 1, 4}));
  std::map<OpKind, int> ops = histogram(result->graph);
  // One input projection plus one recurrent product per step.
  EXPECT_EQ(ops[OpKind::gemm], 3);
  // i, f, o per step.
  EXPECT_EQ(ops[OpKind::sigmoid], 6);
  // The candidate and h(Ct) per step.
  EXPECT_EQ(ops[OpKind::tanh], 4);
  EXPECT_EQ(ops[OpKind::unmapped], 0);
  EXPECT_EQ(ops[OpKind::where], 0);  // no sequence_lens, no masks
}

TEST(OnnxRecurrent, BidirectionalBatchMajorGru) {
  TempDir dir;
  OnnxModelBuilder model(14);
  model.input("x", {2, 3, 5}).input("h0", {2, 2, 6}).output("y", {2, 3, 2, 6}).output("y_h", {2, 2, 6});
  add_weights(model, "w", {2, 18, 5});
  add_weights(model, "r", {2, 18, 6});
  add_weights(model, "b", {2, 36});
  auto& node = model.node("GRU", {"x", "w", "r", "b", "", "h0"}, {"y", "y_h"}, "gru");
  add_int(node, "hidden_size", 6);
  add_int(node, "layout", 1);
  add_int(node, "linear_before_reset", 1);
  add_string(node, "direction", "bidirectional");
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(output_type(*result, 0), f32({2, 3, 2, 6}));
  EXPECT_EQ(output_type(*result, 1), f32({2, 2, 6}));
  std::map<OpKind, int> ops = histogram(result->graph);
  // Per direction: one input projection, one recurrent product per step.
  EXPECT_EQ(ops[OpKind::gemm], 2 * (1 + 3));
  EXPECT_EQ(ops[OpKind::sigmoid], 2 * 3 * 2);  // z and r
}

TEST(OnnxRecurrent, RunTimeSequenceLensMaskEachStep) {
  TempDir dir;
  OnnxModelBuilder model(14);
  model.input("x", {3, 2, 4}).input("lens", {2}, onnx::TensorProto::INT32).output("y", {3, 1, 2, 5}).output("y_h", {1, 2, 5});
  add_weights(model, "w", {1, 5, 4});
  add_weights(model, "r", {1, 5, 5});
  auto& node = model.node("RNN", {"x", "w", "r", "", "lens"}, {"y", "y_h"}, "rnn");
  add_int(node, "hidden_size", 5);
  add_string(node, "direction", "reverse");
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(output_type(*result, 0), f32({3, 1, 2, 5}));
  std::map<OpKind, int> ops = histogram(result->graph);
  EXPECT_EQ(ops[OpKind::tanh], 3);
  EXPECT_EQ(ops[OpKind::less], 1);
  EXPECT_EQ(ops[OpKind::where], 2 * 3);  // the state and Y per step
}

TEST(OnnxRecurrent, ConstantFullSequenceLensNeedNoMasks) {
  TempDir dir;
  OnnxModelBuilder model(14);
  model.input("x", {2, 2, 4}).output("y_h", {1, 2, 5});
  add_weights(model, "w", {1, 5, 4});
  add_weights(model, "r", {1, 5, 5});
  auto& lens = model.initializer("lens", {2}, onnx::TensorProto::INT32);
  lens.add_int32_data(2);
  lens.add_int32_data(2);
  add_int(model.node("RNN", {"x", "w", "r", "", "lens"}, {"", "y_h"}, "rnn"), "hidden_size", 5);
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(histogram(result->graph)[OpKind::where], 0);
}

Status import_lstm_with(const std::function<void(onnx::NodeProto&)>& edit, std::vector<int64_t> w_dims = {1, 12, 2}) {
  TempDir dir;
  OnnxModelBuilder model(14);
  model.input("x", {1, 1, 2}).output("y_h", {1, 1, 3});
  add_weights(model, "w", w_dims);
  add_weights(model, "r", {1, 12, 3});
  auto& node = model.node("LSTM", {"x", "w", "r"}, {"", "y_h"}, "lstm");
  add_int(node, "hidden_size", 3);
  edit(node);
  return onnx_import::import_model(model.save(dir / "m.onnx"), {}).status();
}

TEST(OnnxRecurrent, RefusesWhatItCannotMap) {
  EXPECT_TRUE(import_lstm_with([](onnx::NodeProto&) {}).ok());
  Status clip = import_lstm_with([](onnx::NodeProto& node) {
    auto* attr = node.add_attribute();
    attr->set_name("clip");
    attr->set_type(onnx::AttributeProto::FLOAT);
    attr->set_f(1.0f);
  });
  EXPECT_EQ(clip.kind(), ErrorKind::invalid_input);
  EXPECT_THAT(clip.message(), HasSubstr("clip is not supported"));
  Status activation = import_lstm_with([](onnx::NodeProto& node) {
    auto* attr = node.add_attribute();
    attr->set_name("activations");
    attr->set_type(onnx::AttributeProto::STRINGS);
    for (const char* name : {"Sigmoid", "LeakyRelu", "Tanh"}) attr->add_strings(name);
  });
  EXPECT_THAT(activation.message(), HasSubstr("activation 'LeakyRelu' is not supported"));
  Status weights = import_lstm_with([](onnx::NodeProto&) {}, {1, 12, 5});
  EXPECT_THAT(weights.message(), HasSubstr("W must be [1,12,2], not [1,12,5]"));
}

}  // namespace
}  // namespace ingot
