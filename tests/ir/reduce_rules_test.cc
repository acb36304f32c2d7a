// Shape rules of the reduce family: reduce_* over explicit axes (or run-time
// axes with a declared output), arg_max / arg_min.
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

const TensorType kX = type(DType::f32, {3, 4, 5});

TEST(ReduceRules, KeepdimsKeepsOnesAndDropRemoves) {
  auto kept = infer(OpKind::reduce_sum, {kX}, {{"axes", std::vector<int64_t>{0, 2}}, {"keepdims", int64_t{1}}});
  ASSERT_TRUE(kept.ok()) << error_of(kept);
  EXPECT_EQ(kept->at(0), type(DType::f32, {1, 4, 1}));
  auto dropped = infer(OpKind::reduce_sum, {kX}, {{"axes", std::vector<int64_t>{0, 2}}, {"keepdims", int64_t{0}}});
  ASSERT_TRUE(dropped.ok()) << error_of(dropped);
  EXPECT_EQ(dropped->at(0), type(DType::f32, {4}));
}

TEST(ReduceRules, EveryReductionSharesTheRule) {
  for (OpKind op : {OpKind::reduce_sum, OpKind::reduce_mean, OpKind::reduce_max, OpKind::reduce_min,
                    OpKind::reduce_prod, OpKind::reduce_l1, OpKind::reduce_l2, OpKind::reduce_log_sum,
                    OpKind::reduce_log_sum_exp, OpKind::reduce_sum_square}) {
    auto out = infer(op, {type(DType::i32, {2, 3})}, {{"axes", std::vector<int64_t>{1}}, {"keepdims", int64_t{0}}});
    ASSERT_TRUE(out.ok()) << op_name(op) << ": " << error_of(out);
    EXPECT_EQ(out->at(0), type(DType::i32, {2})) << op_name(op);
  }
}

TEST(ReduceRules, EmptyAxesReduceNothing) {
  auto out = infer(OpKind::reduce_l1, {kX}, {{"axes", std::vector<int64_t>{}}, {"keepdims", int64_t{0}}});
  ASSERT_TRUE(out.ok()) << error_of(out);
  EXPECT_EQ(out->at(0), kX);
}

TEST(ReduceRules, AxesMustBeSortedUniqueAndInRange) {
  AttrMap unsorted{{"axes", std::vector<int64_t>{2, 0}}, {"keepdims", int64_t{1}}};
  EXPECT_THAT(error_of(infer(OpKind::reduce_max, {kX}, unsorted)), HasSubstr("sorted"));
  AttrMap repeated{{"axes", std::vector<int64_t>{1, 1}}, {"keepdims", int64_t{1}}};
  EXPECT_THAT(error_of(infer(OpKind::reduce_max, {kX}, repeated)), HasSubstr("unique"));
  AttrMap negative{{"axes", std::vector<int64_t>{-1}}, {"keepdims", int64_t{1}}};
  EXPECT_THAT(error_of(infer(OpKind::reduce_max, {kX}, negative)), HasSubstr("out of range"));
  AttrMap too_big{{"axes", std::vector<int64_t>{3}}, {"keepdims", int64_t{1}}};
  EXPECT_THAT(error_of(infer(OpKind::reduce_max, {kX}, too_big)), HasSubstr("out of range"));
}

TEST(ReduceRules, RejectsBadKeepdimsBoolsAndMissingAttributes) {
  AttrMap keepdims2{{"axes", std::vector<int64_t>{0}}, {"keepdims", int64_t{2}}};
  EXPECT_THAT(error_of(infer(OpKind::reduce_sum, {kX}, keepdims2)), HasSubstr("keepdims"));
  AttrMap ok{{"axes", std::vector<int64_t>{0}}, {"keepdims", int64_t{1}}};
  EXPECT_THAT(error_of(infer(OpKind::reduce_sum, {type(DType::boolean, {2})}, ok)), HasSubstr("bool"));
  EXPECT_THAT(error_of(infer(OpKind::reduce_sum, {kX}, {{"axes", std::vector<int64_t>{0}}})), HasSubstr("keepdims"));
  EXPECT_THAT(error_of(infer(OpKind::reduce_sum, {kX}, {{"keepdims", int64_t{1}}})), HasSubstr("exactly one"));
}

TEST(ReduceRules, RunTimeAxesTakeTheDeclaredOutput) {
  TensorType axes = type(DType::i64, {1});
  auto out = infer(OpKind::reduce_sum, {kX, axes}, {{"keepdims", int64_t{0}}}, {type(DType::f32, {3, 5})});
  ASSERT_TRUE(out.ok()) << error_of(out);
  EXPECT_EQ(out->at(0), type(DType::f32, {3, 5}));
  // keepdims=1 keeps the rank; the declared type must agree.
  auto wrong_rank = infer(OpKind::reduce_sum, {kX, axes}, {{"keepdims", int64_t{1}}}, {type(DType::f32, {3, 5})});
  EXPECT_THAT(error_of(wrong_rank), HasSubstr("output rank"));
  auto wrong_dtype = infer(OpKind::reduce_sum, {kX, axes}, {{"keepdims", int64_t{0}}}, {type(DType::f64, {3, 5})});
  EXPECT_THAT(error_of(wrong_dtype), HasSubstr("dtype"));
  auto float_axes = infer(OpKind::reduce_sum, {kX, type(DType::f32, {1})}, {{"keepdims", int64_t{0}}},
                          {type(DType::f32, {3, 5})});
  EXPECT_THAT(error_of(float_axes), HasSubstr("integer"));
  // Not both forms at once.
  auto both = infer(OpKind::reduce_sum, {kX, axes}, {{"axes", std::vector<int64_t>{0}}, {"keepdims", int64_t{0}}},
                    {type(DType::f32, {4, 5})});
  EXPECT_THAT(error_of(both), HasSubstr("exactly one"));
}

TEST(ArgReduceRules, GivesI64Indices) {
  AttrMap attrs{{"axis", int64_t{1}}, {"keepdims", int64_t{0}}, {"select_last_index", int64_t{1}}};
  auto out = infer(OpKind::arg_max, {kX}, attrs);
  ASSERT_TRUE(out.ok()) << error_of(out);
  EXPECT_EQ(out->at(0), type(DType::i64, {3, 5}));
  attrs["keepdims"] = int64_t{1};
  out = infer(OpKind::arg_min, {kX}, attrs);
  ASSERT_TRUE(out.ok()) << error_of(out);
  EXPECT_EQ(out->at(0), type(DType::i64, {3, 1, 5}));
}

TEST(ArgReduceRules, RejectsBadAxisFlagsAndEmptyAxes) {
  AttrMap attrs{{"axis", int64_t{3}}, {"keepdims", int64_t{1}}, {"select_last_index", int64_t{0}}};
  EXPECT_THAT(error_of(infer(OpKind::arg_max, {kX}, attrs)), HasSubstr("out of range"));
  attrs["axis"] = int64_t{0};
  attrs["select_last_index"] = int64_t{2};
  EXPECT_THAT(error_of(infer(OpKind::arg_max, {kX}, attrs)), HasSubstr("select_last_index"));
  attrs["select_last_index"] = int64_t{0};
  EXPECT_THAT(error_of(infer(OpKind::arg_max, {type(DType::f32, {0, 2})}, attrs)), HasSubstr("empty"));
  attrs.erase("select_last_index");
  EXPECT_THAT(error_of(infer(OpKind::arg_max, {kX}, attrs)), HasSubstr("select_last_index"));
}

TEST(ReduceRules, VerifierChecksDeclaredTypes) {
  Graph graph;
  Value* x = graph.add_input("x", kX);
  AttrMap attrs{{"axes", std::vector<int64_t>{1}}, {"keepdims", int64_t{1}}};
  Node* good = graph.add_node({OpKind::reduce_mean, {x}, attrs, "good", ""}, {"y"}, {type(DType::f32, {3, 1, 5})});
  graph.add_output(good->output(0));
  EXPECT_TRUE(verify(graph).ok()) << verify(graph).message();
  graph.add_node({OpKind::reduce_mean, {x}, attrs, "bad", ""}, {"z"}, {type(DType::f32, {3, 5})});
  Status status = verify(graph);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("node 'bad' (reduce_mean)"));
}

}  // namespace
}  // namespace ingot
