// Shape rules of the indexing family (gather*, scatter*, one_hot, top_k,
// cumsum, trilu, range), then the ONNX converters that fold to constants
// (Shape, Size, ConstantOfShape, EyeLike, Range, Gather on shapes).
#include <array>
#include <cstring>
#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "importers/onnx/onnx_importer.h"
#include "ir/op_table.h"
#include "ir/parser.h"
#include "ir/printer.h"
#include "ir/verifier.h"
#include "tests/ir/rule_test_util.h"
#include "tests/importers/onnx_model_builder.h"

namespace ingot {
namespace {

using namespace rule_test;  // NOLINT: the shared rule-test helpers

using ::testing::HasSubstr;
using Ints = std::vector<int64_t>;

AttrMap axis(int64_t value) { return {{"axis", value}}; }

TEST(IndexingRules, GatherReplacesTheAxisByTheIndicesShape) {
  EXPECT_EQ(only(infer(OpKind::gather, {f32({5, 4, 3}), i64({1, 2})}, axis(1))), f32({5, 1, 2, 3}));
  // Scalar indices drop the axis.
  EXPECT_EQ(only(infer(OpKind::gather, {f32({5, 4}), i32({})}, axis(0))), f32({4}));
  EXPECT_THAT(error_of(infer(OpKind::gather, {f32({5, 4}), i64({2})}, axis(2))), HasSubstr("axis 2 must be in [0, 2)"));
  // Negative axes are resolved by the importers.
  EXPECT_THAT(error_of(infer(OpKind::gather, {f32({5, 4}), i64({2})}, axis(-1))), HasSubstr("must be in"));
  EXPECT_THAT(error_of(infer(OpKind::gather, {f32({5, 4}), f32({2})}, axis(0))), HasSubstr("i32 or i64"));
}

TEST(IndexingRules, GatherElementsTakesTheIndicesShape) {
  EXPECT_EQ(only(infer(OpKind::gather_elements, {f32({3, 3}), i64({2, 3})}, axis(0))), f32({2, 3}));
  EXPECT_THAT(error_of(infer(OpKind::gather_elements, {f32({3, 3}), i64({3})}, axis(0))), HasSubstr("rank of data"));
}

TEST(IndexingRules, GatherNdDropsTheIndexedDims) {
  AttrMap no_batch{{"batch_dims", int64_t{0}}};
  AttrMap one_batch{{"batch_dims", int64_t{1}}};
  EXPECT_EQ(only(infer(OpKind::gather_nd, {f32({2, 2, 2}), i64({2, 1, 2})}, no_batch)), f32({2, 1, 2}));
  EXPECT_EQ(only(infer(OpKind::gather_nd, {i32({2, 2}), i64({2, 2})}, no_batch)), i32({2}));
  EXPECT_EQ(only(infer(OpKind::gather_nd, {i32({2, 2, 2}), i64({2, 1})}, one_batch)), i32({2, 2}));
  EXPECT_THAT(error_of(infer(OpKind::gather_nd, {f32({2, 2}), i64({2, 3})}, no_batch)), HasSubstr("length 3"));
  EXPECT_THAT(error_of(infer(OpKind::gather_nd, {f32({2, 2, 2}), i64({3, 1})}, one_batch)), HasSubstr("batch dim"));
}

TEST(IndexingRules, ScatterElementsKeepsData) {
  AttrMap attrs{{"axis", int64_t{1}}, {"reduction", std::string("add")}};
  EXPECT_EQ(only(infer(OpKind::scatter_elements, {f32({1, 5}), i64({1, 2}), f32({1, 2})}, attrs)), f32({1, 5}));
  EXPECT_THAT(error_of(infer(OpKind::scatter_elements, {f32({1, 5}), i64({1, 2}), f32({1, 3})}, attrs)),
              HasSubstr("one shape"));
  EXPECT_THAT(error_of(infer(OpKind::scatter_elements, {f32({1, 5}), i64({1, 2}), i64({1, 2})}, attrs)),
              HasSubstr("data's dtype"));
  attrs["reduction"] = std::string("max");
  EXPECT_THAT(error_of(infer(OpKind::scatter_elements, {f32({1, 5}), i64({1, 2}), f32({1, 2})}, attrs)),
              HasSubstr("reduction 'max'"));
}

TEST(IndexingRules, ScatterNdChecksTheUpdatesShape) {
  AttrMap attrs{{"reduction", std::string("none")}};
  EXPECT_EQ(only(infer(OpKind::scatter_nd, {f32({4, 4, 4}), i64({2, 1}), f32({2, 4, 4})}, attrs)), f32({4, 4, 4}));
  EXPECT_EQ(only(infer(OpKind::scatter_nd, {f32({8}), i64({4, 1}), f32({4})}, attrs)), f32({8}));
  EXPECT_THAT(error_of(infer(OpKind::scatter_nd, {f32({4, 4, 4}), i64({2, 1}), f32({2, 4})}, attrs)),
              HasSubstr("updates must have shape [2,4,4]"));
}

TEST(IndexingRules, OneHotInsertsDepthAtAxis) {
  EXPECT_EQ(only(infer(OpKind::one_hot, {i64({2, 3}), f32({2}), std::nullopt}, {{"axis", int64_t{2}}, {"depth", int64_t{4}}})),
            f32({2, 3, 4}));
  EXPECT_EQ(only(infer(OpKind::one_hot, {i64({2, 3}), i32({2})}, {{"axis", int64_t{0}}, {"depth", int64_t{4}}})),
            i32({4, 2, 3}));
  EXPECT_THAT(error_of(infer(OpKind::one_hot, {i64({2, 3}), f32({3})}, {{"axis", int64_t{0}}, {"depth", int64_t{4}}})),
              HasSubstr("[off, on]"));
  EXPECT_THAT(error_of(infer(OpKind::one_hot, {i64({2}), f32({2})}, {{"axis", int64_t{2}}, {"depth", int64_t{4}}})),
              HasSubstr("axis 2 must be in [0, 2)"));
}

TEST(IndexingRules, OneHotWithRunTimeDepthKeepsTheDeclaredType) {
  AttrMap attrs = axis(1);
  std::vector<std::optional<TensorType>> inputs = {f32({2, 2}), f32({2}), f32({})};
  EXPECT_EQ(only(infer(OpKind::one_hot, inputs, attrs, {f32({2, 10, 2})})), f32({2, 10, 2}));
  // Only the depth dim is free.
  EXPECT_THAT(error_of(infer(OpKind::one_hot, inputs, attrs, {f32({2, 10, 3})})), HasSubstr("does not fit"));
  EXPECT_THAT(error_of(infer(OpKind::one_hot, {f32({2, 2}), f32({2}), f32({2})}, attrs, {f32({2, 10, 2})})),
              HasSubstr("one element"));
  // Exactly one of the attribute and the operand.
  EXPECT_THAT(error_of(infer(OpKind::one_hot, {f32({2, 2}), f32({2})}, attrs)), HasSubstr("not neither"));
  attrs["depth"] = int64_t{10};
  EXPECT_THAT(error_of(infer(OpKind::one_hot, inputs, attrs, {f32({2, 10, 2})})), HasSubstr("not both"));
}

TEST(IndexingRules, TopKGivesValuesAndI64Indices) {
  AttrMap attrs{{"axis", int64_t{1}}, {"largest", int64_t{1}}, {"sorted", int64_t{1}}, {"k", int64_t{2}}};
  Result<std::vector<TensorType>> result = infer(OpKind::top_k, {f32({3, 5})}, attrs);
  ASSERT_TRUE(result.ok()) << error_of(result);
  EXPECT_EQ(*result, (std::vector<TensorType>{f32({3, 2}), i64({3, 2})}));
  attrs["k"] = int64_t{6};
  EXPECT_THAT(error_of(infer(OpKind::top_k, {f32({3, 5})}, attrs)), HasSubstr("k 6 must be in [0, 5]"));
}

TEST(IndexingRules, TopKWithRunTimeKKeepsTheDeclaredValues) {
  AttrMap attrs{{"axis", int64_t{0}}, {"largest", int64_t{1}}, {"sorted", int64_t{1}}};
  auto run_time_k = [&](TensorType k, TensorType values) {
    return infer(OpKind::top_k, {f32({3, 4}), k}, attrs, {values, i64(values.shape)});
  };
  Result<std::vector<TensorType>> result = run_time_k(i64({1}), f32({2, 4}));
  ASSERT_TRUE(result.ok()) << error_of(result);
  EXPECT_EQ(*result, (std::vector<TensorType>{f32({2, 4}), i64({2, 4})}));
  // Only the axis dim is free, and it cannot grow.
  EXPECT_THAT(error_of(run_time_k(i64({1}), f32({4, 4}))), HasSubstr("does not fit"));
  EXPECT_THAT(error_of(run_time_k(i64({1}), f32({2, 3}))), HasSubstr("does not fit"));
  EXPECT_THAT(error_of(run_time_k(i64({1}), i64({2, 4}))), HasSubstr("does not fit"));
  EXPECT_THAT(error_of(run_time_k(f32({1}), f32({2, 4}))), HasSubstr("i32 or i64"));
  EXPECT_THAT(error_of(run_time_k(i64({2}), f32({2, 4}))), HasSubstr("one element"));
  // Without declared types a run-time k cannot be typed.
  EXPECT_THAT(error_of(infer(OpKind::top_k, {f32({3, 4}), i64({1})}, attrs)), HasSubstr("no declared output"));
}

TEST(IndexingRules, CumSumKeepsTheType) {
  AttrMap attrs{{"exclusive", int64_t{0}}, {"reverse", int64_t{1}}};
  EXPECT_EQ(only(infer(OpKind::cumsum, {f32({2, 3}), i32({})}, attrs)), f32({2, 3}));
  EXPECT_THAT(error_of(infer(OpKind::cumsum, {f32({2, 3}), f32({})}, attrs)), HasSubstr("i32 or i64"));
  attrs["axis"] = int64_t{1};
  EXPECT_EQ(only(infer(OpKind::cumsum, {f32({2, 3})}, attrs)), f32({2, 3}));
  EXPECT_THAT(error_of(infer(OpKind::cumsum, {f32({2, 3}), i32({})}, attrs)), HasSubstr("not both"));
  attrs["axis"] = int64_t{2};
  EXPECT_THAT(error_of(infer(OpKind::cumsum, {f32({2, 3})}, attrs)), HasSubstr("axis 2 must be in [0, 2)"));
}

TEST(IndexingRules, TriluNeedsAMatrix) {
  EXPECT_EQ(only(infer(OpKind::trilu, {i64({3, 0, 5})}, {{"upper", int64_t{0}}, {"k", int64_t{-1}}})), i64({3, 0, 5}));
  EXPECT_EQ(only(infer(OpKind::trilu, {i64({4, 5}), i64({})}, {{"upper", int64_t{1}}})), i64({4, 5}));
  EXPECT_THAT(error_of(infer(OpKind::trilu, {i64({5})}, {{"upper", int64_t{1}}, {"k", int64_t{0}}})),
              HasSubstr("rank 2 or more"));
  EXPECT_THAT(error_of(infer(OpKind::trilu, {i64({4, 5})}, {{"upper", int64_t{1}}})), HasSubstr("not neither"));
}

TEST(IndexingRules, RangeWithRunTimeOperandsKeepsTheDeclaredType) {
  EXPECT_EQ(only(infer(OpKind::range, {i32({}), i32({}), i32({})}, {}, {i32({2})})), i32({2}));
  EXPECT_THAT(error_of(infer(OpKind::range, {i32({}), i32({}), i32({})}, {}, {f32({2})})), HasSubstr("declared 1-d i32"));
  EXPECT_THAT(error_of(infer(OpKind::range, {f32({}), f32({1}), f32({})}, {}, {f32({2})})), HasSubstr("scalars"));
  EXPECT_THAT(error_of(infer(OpKind::range, {f32({}), i32({}), f32({})}, {}, {f32({2})})), HasSubstr("mix"));
  EXPECT_THAT(error_of(infer(OpKind::range, {type(DType::u8, {}), type(DType::u8, {}), type(DType::u8, {})}, {},
                             {type(DType::u8, {2})})),
              HasSubstr("does not take u8"));
}

// A graph whose range has constant operands: the rule computes the length.
Value* scalar_i64(Graph& graph, const std::string& name, int64_t value) {
  auto bytes = std::make_shared<std::vector<uint8_t>>(sizeof(value));
  std::memcpy(bytes->data(), &value, sizeof(value));
  return graph.add_constant(name, i64({}), bytes);
}

TEST(IndexingRules, RangeWithConstantOperandsComputesTheLength) {
  for (auto [start, limit, delta, length] : {std::array<int64_t, 4>{10, 1, -3, 3}, {0, 4, 1, 4}, {5, 1, 1, 0}}) {
    Graph graph;
    std::vector<Value*> operands = {scalar_i64(graph, "s", start), scalar_i64(graph, "l", limit),
                                    scalar_i64(graph, "d", delta)};
    graph.add_output(graph.add_node({OpKind::range, operands, {}, "r", ""}, {"y"}, {i64({length})})->output(0));
    EXPECT_TRUE(verify(graph).ok()) << verify(graph).message();
  }
  Graph graph;
  std::vector<Value*> operands = {scalar_i64(graph, "s", 0), scalar_i64(graph, "l", 4), scalar_i64(graph, "d", 1)};
  graph.add_node({OpKind::range, operands, {}, "r", ""}, {"y"}, {i64({5})});
  EXPECT_THAT(verify(graph).message(), HasSubstr("i64[4]"));
  Graph zero;
  operands = {scalar_i64(zero, "s", 0), scalar_i64(zero, "l", 4), scalar_i64(zero, "d", 0)};
  zero.add_node({OpKind::range, operands, {}, "r", ""}, {"y"}, {i64({5})});
  EXPECT_THAT(verify(zero).message(), HasSubstr("delta must not be zero"));
}

// A whole graph with a run-time k: the verifier holds the node to its
// declared outputs and to the op's two outputs.
TEST(IndexingRules, TopKGraphVerifies) {
  AttrMap attrs{{"axis", int64_t{1}}, {"largest", int64_t{0}}, {"sorted", int64_t{1}}};
  Graph good;
  Value* x = good.add_input("x", f32({3, 4}));
  Value* k = good.add_input("k", i64({1}));
  Node* node = good.add_node({OpKind::top_k, {x, k}, attrs, "topk", ""}, {"v", "i"}, {f32({3, 3}), i64({3, 3})});
  good.set_outputs({node->output(0), node->output(1)});
  EXPECT_TRUE(verify(good).ok()) << verify(good).message();

  Graph bad;
  x = bad.add_input("x", f32({3, 4}));
  k = bad.add_input("k", i64({1}));
  bad.add_node({OpKind::top_k, {x, k}, attrs, "topk", ""}, {"v", "i"}, {f32({3, 3}), i32({3, 3})});
  EXPECT_THAT(verify(bad).message(), HasSubstr("output 'i' is i32[3,3]"));
}

// The run-time forms keep their declared types through the text form.
TEST(IndexingRules, RunTimeFormsRoundTripThroughText) {
  const char* text = R"(graph @g(%x: f32[3,4], %k: i64[1], %depth: f32[], %values: f32[2]) -> (%v, %i, %h) {
  %v, %i = top_k(%x, %k) {axis = 1, largest = 1, sorted = 1} : f32[3,2], i64[3,2]
  %h = one_hot(%k, %values, %depth) {axis = 0} : f32[5,1]
  return %v, %i, %h
}
)";
  Result<Graph> graph = parse_graph(text);
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  ASSERT_TRUE(verify(*graph).ok()) << verify(*graph).message();
  EXPECT_EQ(print_graph(*graph), text);
}

// ---- ONNX converters that fold to constants ----

using onnx::TensorProto;
using testing::OnnxModelBuilder;
using testing::TempDir;

Result<ImportResult> import(OnnxModelBuilder& model) {
  TempDir dir;
  return onnx_import::import_model(model.save(dir / "model.onnx"), {});
}

// The data of the constant that graph output `name` copies.
template <typename T>
std::vector<T> folded(const ImportResult& result, const std::string& name) {
  const Value* output = result.graph.find_value(name);
  if (output == nullptr || output->producer() == nullptr || output->producer()->input(0) == nullptr ||
      !output->producer()->input(0)->is_constant()) {
    ADD_FAILURE() << "'" << name << "' is not a folded constant";
    return {};
  }
  auto span = output->producer()->input(0)->constant_as<T>();
  return {span.begin(), span.end()};
}

TEST(IndexingImport, ShapeSlicesAndSizeFold) {
  OnnxModelBuilder model(15);
  model.input("x", {3, 4, 5}).output("s", {1}, TensorProto::INT64).output("n", {}, TensorProto::INT64);
  auto& shape = model.node("Shape", {"x"}, {"s"});
  auto* start = shape.add_attribute();
  start->set_name("start");
  start->set_type(onnx::AttributeProto::INT);
  start->set_i(-2);
  auto* end = shape.add_attribute();
  end->set_name("end");
  end->set_type(onnx::AttributeProto::INT);
  end->set_i(-1);
  model.node("Size", {"x"}, {"n"});
  Result<ImportResult> result = import(model);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(folded<int64_t>(*result, "s"), Ints{4});
  EXPECT_EQ(folded<int64_t>(*result, "n"), Ints{60});
}

TEST(IndexingImport, GatherOnAFoldedShapeFolds) {
  OnnxModelBuilder model(13);
  model.input("x", {2, 7, 5}).output("d", {1}, TensorProto::INT64);
  model.initializer("i", {1}, TensorProto::INT64).add_int64_data(-2);
  model.node("Shape", {"x"}, {"s"});
  model.node("Gather", {"s", "i"}, {"d"});
  Result<ImportResult> result = import(model);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(folded<int64_t>(*result, "d"), Ints{7});
}

TEST(IndexingImport, EyeLikeOffTheDiagonal) {
  OnnxModelBuilder model(9);
  model.input("x", {2, 3}, TensorProto::INT32).output("y", {2, 3}, TensorProto::INT32);
  auto* k = model.node("EyeLike", {"x"}, {"y"}).add_attribute();
  k->set_name("k");
  k->set_type(onnx::AttributeProto::INT);
  k->set_i(1);
  Result<ImportResult> result = import(model);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(folded<int32_t>(*result, "y"), (std::vector<int32_t>{0, 1, 0, 0, 0, 1}));
}

TEST(IndexingImport, ConstantOfShapeRepeatsTheValue) {
  OnnxModelBuilder model(9);
  model.output("y", {2, 2}, TensorProto::INT64);
  auto& shape = model.initializer("shape", {2}, TensorProto::INT64);
  shape.add_int64_data(2);
  shape.add_int64_data(2);
  auto* value = model.node("ConstantOfShape", {"shape"}, {"y"}).add_attribute();
  value->set_name("value");
  value->set_type(onnx::AttributeProto::TENSOR);
  value->mutable_t()->set_data_type(TensorProto::INT64);
  value->mutable_t()->add_dims(1);
  value->mutable_t()->add_int64_data(-3);
  Result<ImportResult> result = import(model);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(folded<int64_t>(*result, "y"), (Ints{-3, -3, -3, -3}));
}

// ONNX does not propagate Neg; the importer evaluates the short chain.
TEST(IndexingImport, ConstantOfShapeEvaluatesIntegerArithmetic) {
  OnnxModelBuilder model(17);
  model.output("y", {-1, -1}, TensorProto::FLOAT);  // so that only the values can tell the shape
  auto& minus = model.initializer("minus", {2}, TensorProto::INT64);
  minus.add_int64_data(-2);
  minus.add_int64_data(-3);
  model.node("Neg", {"minus"}, {"shape"});
  model.node("ConstantOfShape", {"shape"}, {"y"});
  Result<ImportResult> result = import(model);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->graph.find_value("y")->type().shape, (Shape{2, 3}));
  EXPECT_EQ(folded<float>(*result, "y"), std::vector<float>(6, 0.0f));
}

TEST(IndexingImport, RangeWithConstantOperandsFolds) {
  OnnxModelBuilder model(11);
  model.output("y", {3}, TensorProto::FLOAT);
  model.initializer("start", {}, TensorProto::FLOAT).add_float_data(0.5f);
  model.initializer("limit", {}, TensorProto::FLOAT).add_float_data(2.0f);
  model.initializer("delta", {}, TensorProto::FLOAT).add_float_data(0.5f);
  model.node("Range", {"start", "limit", "delta"}, {"y"});
  Result<ImportResult> result = import(model);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(folded<float>(*result, "y"), (std::vector<float>{0.5f, 1.0f, 1.5f}));
}

TEST(IndexingImport, UnsupportedReductionIsRefused) {
  OnnxModelBuilder model(16);
  model.input("x", {2, 3}).input("i", {2, 3}, TensorProto::INT64).input("u", {2, 3}).output("y", {2, 3});
  auto* reduction = model.node("ScatterElements", {"x", "i", "u"}, {"y"}, "scatter").add_attribute();
  reduction->set_name("reduction");
  reduction->set_type(onnx::AttributeProto::STRING);
  reduction->set_s("max");
  Result<ImportResult> result = import(model);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), HasSubstr("node 'scatter' (ScatterElements): reduction 'max' is not supported"));
}

}  // namespace
}  // namespace ingot
