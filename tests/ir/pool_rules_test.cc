// Shape rules of the pool family and what the ONNX importer makes of MaxPool,
// AveragePool, LpPool and the global pools.
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
using testing::add_ints;
using testing::add_string;

using ::testing::HasSubstr;
using testing::OnnxModelBuilder;
using testing::TempDir;
using Ints = std::vector<int64_t>;

// (Not `infer`: rule_test::infer takes several operands, and unity builds put both in one file.)
Result<std::vector<TensorType>> infer_pool(OpKind op, TensorType input, AttrMap attrs) {
  Graph graph;
  Value* x = graph.add_input("x", std::move(input));
  return infer_output_types({op, {x}, std::move(attrs), "n", ""}, {});
}

AttrMap window(Ints kernel, Ints strides, Ints pads, int64_t ceil_mode = 0, Ints dilations = {}) {
  if (dilations.empty()) dilations.assign(kernel.size(), 1);
  return {{"kernel_shape", kernel}, {"strides", strides}, {"pads", pads}, {"dilations", dilations}, {"ceil_mode", ceil_mode}};
}

AttrMap avg_window(Ints kernel, Ints strides, Ints pads, int64_t ceil_mode = 0) {
  AttrMap attrs = window(std::move(kernel), std::move(strides), std::move(pads), ceil_mode);
  attrs["count_include_pad"] = int64_t{0};
  return attrs;
}

TEST(PoolRules, FloorAndCeilOutputSizes) {
  EXPECT_EQ(only(infer_pool(OpKind::max_pool, f32({1, 3, 32}), window({2}, {1}, {0, 0}))), f32({1, 3, 31}));
  EXPECT_EQ(only(infer_pool(OpKind::max_pool, f32({1, 3, 32, 32}), window({5, 5}, {3, 3}, {0, 0, 0, 0}))), f32({1, 3, 10, 10}));
  // (4 - 3) / 2: floor gives 1 window, ceil 2.
  EXPECT_EQ(only(infer_pool(OpKind::avg_pool, f32({1, 1, 4, 4}), avg_window({3, 3}, {2, 2}, {0, 0, 0, 0}, 0))), f32({1, 1, 1, 1}));
  EXPECT_EQ(only(infer_pool(OpKind::avg_pool, f32({1, 1, 4, 4}), avg_window({3, 3}, {2, 2}, {0, 0, 0, 0}, 1))), f32({1, 1, 2, 2}));
  EXPECT_EQ(only(infer_pool(OpKind::max_pool, f32({1, 3, 4, 4, 4}), window({2, 2, 2}, {1, 1, 1}, {0, 0, 0, 0, 0, 0}))),
            f32({1, 3, 3, 3, 3}));
  // Dilation 2 stretches a 2-wide kernel to 3.
  EXPECT_EQ(only(infer_pool(OpKind::max_pool, f32({1, 1, 4, 4}), window({2, 2}, {1, 1}, {0, 0, 0, 0}, 0, {2, 2}))),
            f32({1, 1, 2, 2}));
}

TEST(PoolRules, CeilModeDropsAWindowThatStartsInTheEndPadding) {
  // in 5, kernel 2, stride 2, pads (1, 1): ceil((7 - 2) / 2) + 1 = 4, but the
  // 4th window would start at 6 >= 5 + 1, inside the end padding only.
  EXPECT_EQ(only(infer_pool(OpKind::max_pool, f32({1, 1, 5}), window({2}, {2}, {1, 1}, 1))), f32({1, 1, 3}));
  // Without that padding the last window starts inside the input and stays.
  EXPECT_EQ(only(infer_pool(OpKind::max_pool, f32({1, 1, 6}), window({2}, {2}, {1, 0}, 1))), f32({1, 1, 4}));
}

TEST(PoolRules, RejectsBadWindows) {
  EXPECT_THAT(error_of(infer_pool(OpKind::max_pool, f32({1, 1, 2, 2}), window({3, 3}, {1, 1}, {0, 0, 0, 0}))),
              HasSubstr("the kernel covers 3 but the padded input has 2"));
  EXPECT_THAT(error_of(infer_pool(OpKind::max_pool, f32({1, 1, 8, 8}), window({3, 3}, {1, 1}, {3, 0, 0, 0}))),
              HasSubstr("must be smaller than the window (3)"));
  EXPECT_THAT(error_of(infer_pool(OpKind::max_pool, f32({1, 1, 8, 8}), window({3}, {1, 1}, {0, 0, 0, 0}))),
              HasSubstr("kernel_shape must have 2 entries"));
  EXPECT_THAT(error_of(infer_pool(OpKind::max_pool, f32({1, 1, 8, 8}), window({3, 3}, {0, 1}, {0, 0, 0, 0}))),
              HasSubstr("strides holds 0"));
  EXPECT_THAT(error_of(infer_pool(OpKind::max_pool, f32({1, 1, 8, 8}), window({3, 3}, {1, 1}, {0, 0, 0, 0}, 2))),
              HasSubstr("ceil_mode must be 0 or 1"));
  EXPECT_THAT(error_of(infer_pool(OpKind::max_pool, f32({1, 8}), window({3}, {1}, {0, 0}))), HasSubstr("rank 3 or more"));
}

TEST(PoolRules, DtypesPerOp) {
  EXPECT_EQ(only(infer_pool(OpKind::max_pool, type(DType::u8, {1, 1, 5, 5}), window({5, 5}, {1, 1}, {2, 2, 2, 2}))),
            type(DType::u8, {1, 1, 5, 5}));
  EXPECT_THAT(error_of(infer_pool(OpKind::avg_pool, type(DType::u8, {1, 1, 5, 5}), avg_window({2, 2}, {1, 1}, {0, 0, 0, 0}))),
              HasSubstr("float"));
  EXPECT_THAT(error_of(infer_pool(OpKind::max_pool, type(DType::i64, {1, 1, 5, 5}), window({2, 2}, {1, 1}, {0, 0, 0, 0}))),
              HasSubstr("float, i8 or u8"));
}

TEST(PoolRules, MaxPoolIndicesAreASecondI64Output) {
  AttrMap attrs = window({2, 2}, {2, 2}, {0, 0, 0, 0});
  attrs["with_indices"] = int64_t{1};
  attrs["storage_order"] = int64_t{1};
  Result<std::vector<TensorType>> result = infer_pool(OpKind::max_pool, type(DType::u8, {1, 3, 5, 5}), attrs);
  ASSERT_TRUE(result.ok()) << error_of(result);
  ASSERT_EQ(result->size(), 2u);
  EXPECT_EQ(result->at(0), type(DType::u8, {1, 3, 2, 2}));
  EXPECT_EQ(result->at(1), type(DType::i64, {1, 3, 2, 2}));
  // Absent or 0: one output.
  attrs["with_indices"] = int64_t{0};
  attrs["storage_order"] = int64_t{0};
  EXPECT_EQ(only(infer_pool(OpKind::max_pool, f32({1, 3, 5, 5}), attrs)), f32({1, 3, 2, 2}));
  attrs["with_indices"] = int64_t{2};
  EXPECT_THAT(error_of(infer_pool(OpKind::max_pool, f32({1, 3, 5, 5}), attrs)), HasSubstr("with_indices must be 0 or 1"));
  attrs["with_indices"] = int64_t{0};
  attrs["storage_order"] = int64_t{1};
  EXPECT_THAT(error_of(infer_pool(OpKind::max_pool, f32({1, 3, 5, 5}), attrs)),
              HasSubstr("storage_order only applies with with_indices=1"));
}

TEST(PoolRules, MaxPoolsKeepQuantizationParameters) {
  TensorType x = type(DType::i8, {1, 2, 4, 4});
  x.quant = Quantization{{0.5, 0.25}, {0, 1}, 1};  // per channel
  EXPECT_EQ(only(infer_pool(OpKind::max_pool, x, window({2, 2}, {2, 2}, {0, 0, 0, 0}))).quant, x.quant);
  EXPECT_EQ(only(infer_pool(OpKind::global_max_pool, x, {})).quant, x.quant);
  // Parameters along a pooled dim would no longer fit: dropped.
  x.quant = Quantization{{0.5, 0.25, 0.5, 0.25}, {0, 0, 0, 0}, 3};
  EXPECT_EQ(only(infer_pool(OpKind::max_pool, x, window({2, 2}, {2, 2}, {0, 0, 0, 0}))).quant, std::nullopt);
}

TEST(PoolRules, AvgAndLpPoolNeedTheirParameters) {
  EXPECT_THAT(error_of(infer_pool(OpKind::avg_pool, f32({1, 1, 4, 4}), window({2, 2}, {1, 1}, {0, 0, 0, 0}))),
              HasSubstr("attribute 'count_include_pad' is required"));
  AttrMap lp = window({2, 2}, {2, 2}, {0, 0, 0, 0});
  lp["p"] = 2.0;
  EXPECT_EQ(only(infer_pool(OpKind::lp_pool, f32({1, 1, 4, 4}), lp)), f32({1, 1, 2, 2}));
  lp["p"] = 0.0;
  EXPECT_THAT(error_of(infer_pool(OpKind::lp_pool, f32({1, 1, 4, 4}), lp)), HasSubstr("p must be positive"));
}

TEST(PoolRules, GlobalPoolsKeepTheRank) {
  EXPECT_EQ(only(infer_pool(OpKind::global_avg_pool, f32({2, 3, 5, 7}), {})), f32({2, 3, 1, 1}));
  EXPECT_EQ(only(infer_pool(OpKind::global_max_pool, type(DType::i8, {2, 3, 5}), {})), type(DType::i8, {2, 3, 1}));
  EXPECT_EQ(only(infer_pool(OpKind::global_lp_pool, f32({1, 4, 2, 2, 2}), {{"p", 3.0}})), f32({1, 4, 1, 1, 1}));
  EXPECT_THAT(error_of(infer_pool(OpKind::global_avg_pool, f32({2, 3}), {})), HasSubstr("rank 3 or more"));
  EXPECT_THAT(error_of(infer_pool(OpKind::global_avg_pool, type(DType::i32, {2, 3, 4}), {})), HasSubstr("not supported"));
}

// ---- The importer ------------------------------------------------------------

TEST(OnnxPool, AutoPadSameUpperAndDefaults) {
  TempDir dir;
  OnnxModelBuilder model(12);
  model.input("x", {1, 1, 5, 5}).output("y", {1, 1, 3, 3});
  auto& node = model.node("AveragePool", {"x"}, {"y"}, "pool");
  add_ints(node, "kernel_shape", {3, 3});
  add_ints(node, "strides", {2, 2});
  add_string(node, "auto_pad", "SAME_UPPER");
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  const Node* pool = output_node(*result);
  EXPECT_EQ(pool->op(), OpKind::avg_pool);
  EXPECT_EQ(pool->attr_ints("pads"), (Ints{1, 1, 1, 1}));
  EXPECT_EQ(pool->attr_ints("dilations"), (Ints{1, 1}));
  EXPECT_EQ(pool->attr_i("ceil_mode", -1), 0);
  EXPECT_EQ(pool->attr_i("count_include_pad", -1), 0);
}

TEST(OnnxPool, SameUpperPutsTheOddPadLast) {
  TempDir dir;
  OnnxModelBuilder model(12);
  model.input("x", {1, 3, 32, 32}).output("y", {1, 3, 32, 32});
  auto& node = model.node("MaxPool", {"x"}, {"y"}, "pool");
  add_ints(node, "kernel_shape", {2, 2});
  add_string(node, "auto_pad", "SAME_UPPER");
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(output_node(*result)->attr_ints("pads"), (Ints{0, 0, 1, 1}));
}

TEST(OnnxPool, MaxPoolIndicesBecomeASecondOutput) {
  TempDir dir;
  OnnxModelBuilder model(12);
  model.input("x", {1, 1, 5, 5}).output("y", {1, 1, 2, 2}).output("i", {1, 1, 2, 2}, onnx::TensorProto::INT64);
  auto& node = model.node("MaxPool", {"x"}, {"y", "i"}, "pool");
  add_ints(node, "kernel_shape", {2, 2});
  add_ints(node, "strides", {2, 2});
  auto* order = node.add_attribute();
  order->set_name("storage_order");
  order->set_type(onnx::AttributeProto::INT);
  order->set_i(1);
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  const Node* pool = output_node(*result);
  ASSERT_EQ(pool->outputs().size(), 2u);
  EXPECT_EQ(result->graph.outputs()[1]->producer(), pool);
  EXPECT_EQ(pool->output(1)->type(), type(DType::i64, {1, 1, 2, 2}));
  EXPECT_EQ(pool->attr_i("with_indices", -1), 1);
  EXPECT_EQ(pool->attr_i("storage_order", -1), 1);
}

TEST(OnnxPool, MaxPoolWithoutIndicesIgnoresStorageOrder) {
  TempDir dir;
  OnnxModelBuilder model(12);
  model.input("x", {1, 1, 4, 4}).output("y", {1, 1, 2, 2});
  auto& node = model.node("MaxPool", {"x"}, {"y"}, "pool");
  add_ints(node, "kernel_shape", {2, 2});
  add_ints(node, "strides", {2, 2});
  auto* order = node.add_attribute();
  order->set_name("storage_order");
  order->set_type(onnx::AttributeProto::INT);
  order->set_i(1);
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  const Node* pool = output_node(*result);
  EXPECT_EQ(pool->outputs().size(), 1u);
  EXPECT_EQ(pool->attr_i("with_indices", -1), 0);
  EXPECT_EQ(pool->attr_i("storage_order", -1), 0);
}

TEST(OnnxPool, LpPoolReadsAnIntP) {
  TempDir dir;
  OnnxModelBuilder model(11);
  model.input("x", {1, 2, 4, 4}).output("y", {1, 2, 2, 2});
  auto& node = model.node("LpPool", {"x"}, {"y"}, "pool");
  add_ints(node, "kernel_shape", {2, 2});
  add_ints(node, "strides", {2, 2});
  auto* p = node.add_attribute();
  p->set_name("p");
  p->set_type(onnx::AttributeProto::INT);
  p->set_i(3);
  Result<ImportResult> result = onnx_import::import_model(model.save(dir / "m.onnx"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(output_node(*result)->op(), OpKind::lp_pool);
  EXPECT_EQ(output_node(*result)->attr_f("p"), 3.0);
}

}  // namespace
}  // namespace ingot
