// Shape rules of the norm family: softmax, log_softmax, layer_norm,
// batch_norm, instance_norm, lrn.
#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ir/op_table.h"
#include "ir/verifier.h"
#include "tests/ir/rule_test_util.h"

namespace ingot {
namespace {

using namespace rule_test;  // NOLINT: the shared rule-test helpers

using ::testing::HasSubstr;

TEST(SoftmaxRules, KeepTheTypeAlongAValidAxis) {
  for (OpKind op : {OpKind::softmax, OpKind::log_softmax}) {
    auto out = infer(op, {f32({2, 3, 4})}, {{"axis", int64_t{2}}});
    ASSERT_TRUE(out.ok()) << error_of(out);
    EXPECT_EQ(out->at(0), f32({2, 3, 4}));
    EXPECT_THAT(error_of(infer(op, {f32({2, 3, 4})}, {{"axis", int64_t{3}}})), HasSubstr("out of range"));
    // Axes are normalised by the importer: negative ones are an error here.
    EXPECT_THAT(error_of(infer(op, {f32({2, 3, 4})}, {{"axis", int64_t{-1}}})), HasSubstr("out of range"));
    EXPECT_THAT(error_of(infer(op, {type(DType::i32, {4})}, {{"axis", int64_t{0}}})), HasSubstr("float"));
    EXPECT_THAT(error_of(infer(op, {f32({4})}, {})), HasSubstr("'axis' is required"));
  }
}

TEST(LayerNormRules, ParametersBroadcastToTheNormalisedShape) {
  AttrMap attrs{{"axis", int64_t{1}}, {"epsilon", 1e-5}};
  auto out = infer(OpKind::layer_norm, {f32({2, 3, 4}), f32({3, 4}), f32({4})}, attrs);
  ASSERT_TRUE(out.ok()) << error_of(out);
  EXPECT_EQ(out->at(0), f32({2, 3, 4}));
  auto no_bias = infer(OpKind::layer_norm, {f32({2, 3, 4}), f32({3, 4}), std::nullopt}, attrs);
  EXPECT_TRUE(no_bias.ok()) << error_of(no_bias);
  // A scale that would grow the normalised shape [3, 4].
  EXPECT_THAT(error_of(infer(OpKind::layer_norm, {f32({2, 3, 4}), f32({2, 3, 4})}, attrs)), HasSubstr("scale"));
  EXPECT_THAT(error_of(infer(OpKind::layer_norm, {f32({2, 3, 4}), f32({3, 4}), f32({5})}, attrs)), HasSubstr("bias"));
  EXPECT_THAT(error_of(infer(OpKind::layer_norm, {f32({2, 3, 4}), type(DType::f16, {4})}, attrs)), HasSubstr("dtype"));
}

TEST(LayerNormRules, RejectsBadAxisAndEpsilon) {
  EXPECT_THAT(error_of(infer(OpKind::layer_norm, {f32({2, 3}), f32({3})}, {{"axis", int64_t{2}}, {"epsilon", 1e-5}})),
              HasSubstr("out of range"));
  EXPECT_THAT(error_of(infer(OpKind::layer_norm, {f32({2, 3}), f32({3})}, {{"axis", int64_t{1}}, {"epsilon", -1.0}})),
              HasSubstr("epsilon"));
  EXPECT_THAT(error_of(infer(OpKind::layer_norm, {f32({2, 3}), f32({3})}, {{"axis", int64_t{1}}})),
              HasSubstr("'epsilon' is required"));
}

TEST(ChannelNormRules, BatchNormTakesPerChannelParameters) {
  TensorType c = f32({3});
  auto out = infer(OpKind::batch_norm, {f32({2, 3, 4, 4}), c, c, c, c}, {{"epsilon", 1e-5}});
  ASSERT_TRUE(out.ok()) << error_of(out);
  EXPECT_EQ(out->at(0), f32({2, 3, 4, 4}));
  auto rank2 = infer(OpKind::batch_norm, {f32({2, 3}), c, c, c, c}, {{"epsilon", 1e-5}});
  EXPECT_TRUE(rank2.ok()) << error_of(rank2);
  EXPECT_THAT(error_of(infer(OpKind::batch_norm, {f32({2, 3, 4}), c, c, f32({4}), c}, {{"epsilon", 1e-5}})),
              HasSubstr("operand 3 must have shape [3]"));
  EXPECT_THAT(error_of(infer(OpKind::batch_norm, {f32({3}), c, c, c, c}, {{"epsilon", 1e-5}})), HasSubstr("rank 2"));
  EXPECT_THAT(error_of(infer(OpKind::batch_norm, {f32({2, 3}), c, c, c}, {{"epsilon", 1e-5}})), HasSubstr("operands"));
}

TEST(ChannelNormRules, InstanceNormNeedsSpatialAxes) {
  TensorType c = f32({3});
  auto out = infer(OpKind::instance_norm, {f32({2, 3, 5}), c, c}, {{"epsilon", 1e-5}});
  ASSERT_TRUE(out.ok()) << error_of(out);
  EXPECT_EQ(out->at(0), f32({2, 3, 5}));
  EXPECT_THAT(error_of(infer(OpKind::instance_norm, {f32({2, 3}), c, c}, {{"epsilon", 1e-5}})), HasSubstr("rank 3"));
  EXPECT_THAT(error_of(infer(OpKind::instance_norm, {f32({2, 3, 5}), c, type(DType::f64, {3})}, {{"epsilon", 1e-5}})),
              HasSubstr("dtype"));
}

TEST(LrnRules, NeedsAPositiveSize) {
  AttrMap attrs{{"alpha", 1e-4}, {"beta", 0.75}, {"bias", 1.0}, {"size", int64_t{3}}};
  auto out = infer(OpKind::lrn, {f32({1, 5, 4, 4})}, attrs);
  ASSERT_TRUE(out.ok()) << error_of(out);
  EXPECT_EQ(out->at(0), f32({1, 5, 4, 4}));
  attrs["size"] = int64_t{0};
  EXPECT_THAT(error_of(infer(OpKind::lrn, {f32({1, 5, 4, 4})}, attrs)), HasSubstr("size"));
  attrs["size"] = int64_t{3};
  EXPECT_THAT(error_of(infer(OpKind::lrn, {f32({5})}, attrs)), HasSubstr("rank 2"));
}

TEST(NormRules, VerifierChecksDeclaredTypes) {
  Graph graph;
  Value* x = graph.add_input("x", f32({2, 3}));
  Node* node = graph.add_node({OpKind::softmax, {x}, {{"axis", int64_t{1}}}, "sm", ""}, {"y"}, {type(DType::f16, {2, 3})});
  graph.add_output(node->output(0));
  Status status = verify(graph);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("node 'sm' (softmax)"));
}

}  // namespace
}  // namespace ingot
