// Shape rules of the layout family: copy, reshape, transpose, expand, concat,
// split, slice, pad, tile, depth_to_space, space_to_depth.
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
using Ints = std::vector<int64_t>;

TEST(LayoutRules, CopyKeepsTheType) {
  EXPECT_EQ(only(infer(OpKind::copy, {type(DType::u8, {2, 0})}, {})), type(DType::u8, {2, 0}));
}

TEST(LayoutRules, PerTensorQuantizationMovesWithTheData) {
  TensorType x = type(DType::i8, {2, 3});
  x.quant = Quantization{{0.5}, {3}, 0};
  TensorType out = only(infer(OpKind::transpose, {x}, {{"perm", Ints{1, 0}}}));
  EXPECT_EQ(out.shape, (Shape{3, 2}));
  EXPECT_EQ(out.quant, x.quant);
  // Per-channel parameters would need their axis remapped: dropped.
  x.quant = Quantization{{0.5, 0.25}, {0, 0}, 0};
  EXPECT_EQ(only(infer(OpKind::transpose, {x}, {{"perm", Ints{1, 0}}})).quant, std::nullopt);
  // copy keeps everything.
  EXPECT_EQ(only(infer(OpKind::copy, {x}, {})), x);
}

TEST(LayoutRules, ReshapeKeepsTheElementCount) {
  EXPECT_EQ(only(infer(OpKind::reshape, {f32({2, 3, 4})}, {{"shape", Ints{6, 4}}})), f32({6, 4}));
  EXPECT_EQ(only(infer(OpKind::reshape, {f32({0, 3})}, {{"shape", Ints{3, 0}}})), f32({3, 0}));
  EXPECT_THAT(error_of(infer(OpKind::reshape, {f32({2, 3, 4})}, {{"shape", Ints{5, 5}}})), HasSubstr("cannot reshape"));
  // -1 and 0 are resolved by the importers: not allowed here.
  EXPECT_THAT(error_of(infer(OpKind::reshape, {f32({2, 3, 4})}, {{"shape", Ints{-1, 4}}})), HasSubstr("negative"));
}

TEST(LayoutRules, TransposeNeedsAPermutation) {
  EXPECT_EQ(only(infer(OpKind::transpose, {f32({2, 3, 4})}, {{"perm", Ints{2, 0, 1}}})), f32({4, 2, 3}));
  EXPECT_THAT(error_of(infer(OpKind::transpose, {f32({2, 3, 4})}, {{"perm", Ints{0, 0, 1}}})), HasSubstr("permutation"));
  EXPECT_THAT(error_of(infer(OpKind::transpose, {f32({2, 3, 4})}, {{"perm", Ints{1, 0}}})), HasSubstr("rank 3"));
}

TEST(LayoutRules, ExpandToTheFinalShape) {
  EXPECT_EQ(only(infer(OpKind::expand, {f32({3, 1})}, {{"shape", Ints{2, 3, 6}}})), f32({2, 3, 6}));
  // The shape must be the broadcast result itself, not something smaller.
  EXPECT_THAT(error_of(infer(OpKind::expand, {f32({3, 4})}, {{"shape", Ints{1}}})), HasSubstr("does not broadcast"));
  EXPECT_THAT(error_of(infer(OpKind::expand, {f32({3, 2})}, {{"shape", Ints{3, 6}}})), HasSubstr("does not broadcast"));
}

TEST(LayoutRules, ConcatAddsUpTheAxis) {
  EXPECT_EQ(only(infer(OpKind::concat, {f32({2, 3}), f32({2, 5}), f32({2, 0})}, {{"axis", int64_t{1}}})), f32({2, 8}));
  EXPECT_THAT(error_of(infer(OpKind::concat, {f32({2, 3}), f32({3, 3})}, {{"axis", int64_t{1}}})),
              HasSubstr("outside axis"));
  EXPECT_THAT(error_of(infer(OpKind::concat, {f32({2, 3}), i64({2, 3})}, {{"axis", int64_t{0}}})), HasSubstr("mix"));
  EXPECT_THAT(error_of(infer(OpKind::concat, {f32({2, 3})}, {{"axis", int64_t{2}}})), HasSubstr("out of range"));
}

TEST(LayoutRules, SplitGivesOneOutputPerSize) {
  auto out = infer(OpKind::split, {f32({2, 6})}, {{"axis", int64_t{1}}, {"split", Ints{2, 0, 4}}});
  ASSERT_TRUE(out.ok()) << error_of(out);
  EXPECT_EQ(*out, (std::vector<TensorType>{f32({2, 2}), f32({2, 0}), f32({2, 4})}));
  EXPECT_THAT(error_of(infer(OpKind::split, {f32({2, 6})}, {{"axis", int64_t{1}}, {"split", Ints{2, 3}}})),
              HasSubstr("add up to 5"));
  EXPECT_THAT(error_of(infer(OpKind::split, {f32({2, 6})}, {{"axis", int64_t{1}}, {"split", Ints{-1, 7}}})),
              HasSubstr("out of range"));
}

TEST(LayoutRules, SplitOutputsMustMatchTheSizes) {
  Graph graph;
  Value* x = graph.add_input("x", f32({6}));
  AttrMap attrs{{"axis", int64_t{0}}, {"split", Ints{2, 4}}};
  graph.add_node({OpKind::split, {x}, attrs, "s", ""}, {"a"}, {f32({2})});
  Status status = verify(graph);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("gives 2 outputs"));
}

AttrMap slice_attrs(Ints starts, Ints ends, Ints axes, Ints steps) {
  return {{"starts", starts}, {"ends", ends}, {"axes", axes}, {"steps", steps}};
}

TEST(SliceRules, ClampedBoundsForwardAndBackward) {
  TensorType x = f32({20, 10, 5});
  EXPECT_EQ(only(infer(OpKind::slice, {x}, slice_attrs({0, 1}, {3, 10}, {0, 1}, {1, 2}))), f32({3, 5, 5}));
  // Backward from the end to before index 0: every element.
  EXPECT_EQ(only(infer(OpKind::slice, {x}, slice_attrs({19}, {-1}, {0}, {-1}))), f32({20, 10, 5}));
  EXPECT_EQ(only(infer(OpKind::slice, {x}, slice_attrs({9}, {-1}, {1}, {-4}))), f32({20, 3, 5}));
  // Empty when start is past end.
  EXPECT_EQ(only(infer(OpKind::slice, {x}, slice_attrs({4}, {2}, {2}, {1}))), f32({20, 10, 0}));
}

TEST(SliceRules, RejectsUnclampedBoundsAndBadAxes) {
  TensorType x = f32({20, 10, 5});
  EXPECT_THAT(error_of(infer(OpKind::slice, {x}, slice_attrs({-1}, {5}, {0}, {1}))), HasSubstr("not clamped"));
  EXPECT_THAT(error_of(infer(OpKind::slice, {x}, slice_attrs({0}, {21}, {0}, {1}))), HasSubstr("not clamped"));
  EXPECT_THAT(error_of(infer(OpKind::slice, {x}, slice_attrs({20}, {0}, {0}, {-1}))), HasSubstr("not clamped"));
  EXPECT_THAT(error_of(infer(OpKind::slice, {x}, slice_attrs({0}, {1}, {0}, {0}))), HasSubstr("non-zero"));
  EXPECT_THAT(error_of(infer(OpKind::slice, {x}, slice_attrs({0, 0}, {1, 1}, {1, 0}, {1, 1}))), HasSubstr("sorted"));
  EXPECT_THAT(error_of(infer(OpKind::slice, {x}, slice_attrs({0}, {1}, {3}, {1}))), HasSubstr("out of range"));
  EXPECT_THAT(error_of(infer(OpKind::slice, {x}, slice_attrs({0}, {1, 2}, {0}, {1}))), HasSubstr("same length"));
  EXPECT_THAT(error_of(infer(OpKind::slice, {x}, {{"starts", Ints{0}}})), HasSubstr("required"));
}

TEST(SliceRules, RunTimeBoundsTakeTheDeclaredOutput) {
  TensorType x = f32({20, 10, 5});
  auto out = infer(OpKind::slice, {x, i64({2}), i64({2})}, {}, {f32({20, 3, 1})});
  EXPECT_EQ(only(out), f32({20, 3, 1}));
  EXPECT_THAT(error_of(infer(OpKind::slice, {x, i64({2}), i64({2})}, {}, {f32({20, 3})})), HasSubstr("rank 3"));
  EXPECT_THAT(error_of(infer(OpKind::slice, {x, i64({2}), i64({3})}, {}, {x})), HasSubstr("2 entries"));
  EXPECT_THAT(error_of(infer(OpKind::slice, {x, i64({2}), std::nullopt}, {}, {x})), HasSubstr("ends"));
  EXPECT_THAT(error_of(infer(OpKind::slice, {x, i64({1}), i64({1})}, slice_attrs({0}, {1}, {0}, {1}), {x})),
              HasSubstr("either"));
}

TEST(PadRules, BeginAndEndPerAxis) {
  AttrMap attrs{{"pads", Ints{0, 1, 2, 3}}, {"mode", std::string("constant")}, {"value", 0.0}};
  EXPECT_EQ(only(infer(OpKind::pad, {f32({3, 4})}, attrs)), f32({5, 8}));
  // Negative pads crop.
  attrs["pads"] = Ints{-1, 0, 0, -2};
  attrs["mode"] = std::string("edge");
  EXPECT_EQ(only(infer(OpKind::pad, {f32({3, 4})}, attrs)), f32({2, 2}));
  attrs["pads"] = Ints{-4, 0, 0, 0};
  EXPECT_THAT(error_of(infer(OpKind::pad, {f32({3, 4})}, attrs)), HasSubstr("below zero"));
  attrs["pads"] = Ints{0, 0};
  EXPECT_THAT(error_of(infer(OpKind::pad, {f32({3, 4})}, attrs)), HasSubstr("2 * rank"));
  attrs["pads"] = Ints{1, 0};
  EXPECT_THAT(error_of(infer(OpKind::pad, {f32({0})}, attrs)), HasSubstr("empty axis"));
  attrs["mode"] = std::string("wrap");
  EXPECT_THAT(error_of(infer(OpKind::pad, {f32({3})}, attrs)), HasSubstr("mode"));
}

TEST(PadRules, RunTimePadsAndValue) {
  AttrMap attrs{{"mode", std::string("constant")}};
  auto out = infer(OpKind::pad, {f32({3, 4}), i64({4}), f32({})}, attrs, {f32({5, 9})});
  EXPECT_EQ(only(out), f32({5, 9}));
  EXPECT_THAT(error_of(infer(OpKind::pad, {f32({3, 4}), i64({2}), f32({})}, attrs, {f32({5, 9})})),
              HasSubstr("4 entries"));
  EXPECT_THAT(error_of(infer(OpKind::pad, {f32({3, 4}), i64({4}), i64({})}, attrs, {f32({5, 9})})),
              HasSubstr("value operand"));
  // The value is given exactly once.
  attrs["value"] = 1.0;
  EXPECT_THAT(error_of(infer(OpKind::pad, {f32({3, 4}), i64({4}), f32({})}, attrs, {f32({5, 9})})),
              HasSubstr("exactly one of the value"));
  attrs.erase("value");
  EXPECT_THAT(error_of(infer(OpKind::pad, {f32({3, 4}), std::nullopt, f32({})}, attrs, {f32({5, 9})})),
              HasSubstr("exactly one of the pads"));
}

TEST(LayoutRules, TileMultipliesEachAxis) {
  EXPECT_EQ(only(infer(OpKind::tile, {f32({2, 3})}, {{"repeats", Ints{3, 0}}})), f32({6, 0}));
  EXPECT_THAT(error_of(infer(OpKind::tile, {f32({2, 3})}, {{"repeats", Ints{3}}})), HasSubstr("rank 2"));
  EXPECT_THAT(error_of(infer(OpKind::tile, {f32({2, 3})}, {{"repeats", Ints{-1, 1}}})), HasSubstr("non-negative"));
}

TEST(LayoutRules, DepthToSpaceAndBack) {
  AttrMap d2s{{"blocksize", int64_t{2}}, {"mode", std::string("CRD")}};
  EXPECT_EQ(only(infer(OpKind::depth_to_space, {f32({1, 8, 2, 3})}, d2s)), f32({1, 2, 4, 6}));
  EXPECT_THAT(error_of(infer(OpKind::depth_to_space, {f32({1, 6, 2, 3})}, d2s)), HasSubstr("multiple"));
  d2s["mode"] = std::string("XYZ");
  EXPECT_THAT(error_of(infer(OpKind::depth_to_space, {f32({1, 8, 2, 3})}, d2s)), HasSubstr("DCR or CRD"));
  AttrMap s2d{{"blocksize", int64_t{2}}};
  EXPECT_EQ(only(infer(OpKind::space_to_depth, {f32({1, 2, 4, 6})}, s2d)), f32({1, 8, 2, 3}));
  EXPECT_THAT(error_of(infer(OpKind::space_to_depth, {f32({1, 2, 5, 6})}, s2d)), HasSubstr("multiples"));
  EXPECT_THAT(error_of(infer(OpKind::space_to_depth, {f32({2, 4, 6})}, s2d)), HasSubstr("rank 4"));
  s2d["blocksize"] = int64_t{0};
  EXPECT_THAT(error_of(infer(OpKind::space_to_depth, {f32({1, 2, 4, 6})}, s2d)), HasSubstr("positive"));
}

}  // namespace
}  // namespace ingot
