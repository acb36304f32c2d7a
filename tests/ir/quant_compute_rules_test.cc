// Shape rules and validation of the integer ops qconv, qmatmul, qadd and qavg_pool.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ir/op_table.h"
#include "tests/ir/rule_test_util.h"

namespace ingot {
namespace {

using namespace rule_test;  // NOLINT: the shared rule-test helpers
using ::testing::HasSubstr;
using Ints = std::vector<int64_t>;

TensorType qu8(Shape shape) { return type(DType::u8, std::move(shape)); }
TensorType qi8(Shape shape) { return type(DType::i8, std::move(shape)); }

AttrMap qconv_attrs(std::string y_dtype = "u8") {
  AttrMap attrs{{"strides", Ints{2, 1}}, {"pads", Ints{1, 0, 1, 0}}, {"dilations", Ints{1, 1}}, {"group", int64_t{1}},
                {"x_zero_point", int64_t{128}}, {"y_dtype", y_dtype}};
  if (y_dtype != "i32") {
    attrs["multiplier"] = Ints{1 << 30, 1 << 30, 1 << 30};
    attrs["shift"] = Ints{-8, -7, -9};
    attrs["y_zero_point"] = int64_t{3};
  }
  return attrs;
}

TEST(QconvRule, ConvShapeAndTheRequestedDtype) {
  EXPECT_EQ(only(infer(OpKind::qconv, {qu8({1, 2, 5, 4}), qi8({3, 2, 3, 3}), i32({3})}, qconv_attrs())), qu8({1, 3, 3, 2}));
  EXPECT_EQ(only(infer(OpKind::qconv, {qu8({1, 2, 5, 4}), qi8({3, 2, 3, 3})}, qconv_attrs("i32"))), i32({1, 3, 3, 2}));
}

TEST(QconvRule, RejectsInconsistentQuantization) {
  AttrMap two = qconv_attrs();
  two["multiplier"] = Ints{1 << 30, 1 << 30};
  two["shift"] = Ints{0, 0};
  EXPECT_THAT(error_of(infer(OpKind::qconv, {qu8({1, 2, 5, 4}), qi8({3, 2, 3, 3})}, two)), HasSubstr("multiplier must have 1 or 3 entries"));
  AttrMap zp = qconv_attrs();
  zp["x_zero_point"] = int64_t{-1};
  EXPECT_THAT(error_of(infer(OpKind::qconv, {qu8({1, 2, 5, 4}), qi8({3, 2, 3, 3})}, zp)), HasSubstr("x_zero_point -1 is outside the range of u8"));
  AttrMap raw = qconv_attrs("i32");
  raw["shift"] = Ints{0};
  EXPECT_THAT(error_of(infer(OpKind::qconv, {qu8({1, 2, 5, 4}), qi8({3, 2, 3, 3})}, raw)), HasSubstr("shift must be absent"));
  EXPECT_THAT(error_of(infer(OpKind::qconv, {f32({1, 2, 5, 4}), qi8({3, 2, 3, 3})}, qconv_attrs())), HasSubstr("operand 0 must be u8 or i8"));
  EXPECT_THAT(error_of(infer(OpKind::qconv, {qu8({1, 2, 5, 4}), qi8({3, 2, 3, 3}), f32({3})}, qconv_attrs())), HasSubstr("the bias must be i32[3]"));
  AttrMap clamp = qconv_attrs();
  clamp["y_min"] = int64_t{200};
  clamp["y_max"] = int64_t{100};
  EXPECT_THAT(error_of(infer(OpKind::qconv, {qu8({1, 2, 5, 4}), qi8({3, 2, 3, 3})}, clamp)), HasSubstr("y_min 200 is above y_max 100"));
}

TEST(QmatmulRule, BroadcastsBatchDims) {
  AttrMap attrs{{"a_zero_point", int64_t{0}}, {"y_dtype", std::string("i8")}, {"multiplier", Ints{1 << 30}}, {"shift", Ints{-3}}};
  EXPECT_EQ(only(infer(OpKind::qmatmul, {qi8({2, 1, 4, 5}), qi8({3, 5, 6})}, attrs)), qi8({2, 3, 4, 6}));
  EXPECT_THAT(error_of(infer(OpKind::qmatmul, {qi8({4, 5}), qi8({4, 6})}, attrs)), HasSubstr("inner dims differ"));
  EXPECT_THAT(error_of(infer(OpKind::qmatmul, {qi8({5}), qi8({5, 6})}, attrs)), HasSubstr("rank 2 or more"));
}

TEST(QaddRule, OperandMultipliersMustBeBelowOne) {
  AttrMap attrs{{"a_zero_point", int64_t{0}}, {"b_zero_point", int64_t{1}}, {"a_multiplier", Ints{1 << 30}},
                {"a_shift", Ints{0}}, {"b_multiplier", Ints{1 << 30}}, {"b_shift", Ints{-1}}, {"y_dtype", std::string("i8")},
                {"multiplier", Ints{1 << 30}}, {"shift", Ints{-18}}};
  EXPECT_EQ(only(infer(OpKind::qadd, {qi8({2, 1, 3}), qi8({4, 3})}, attrs)), qi8({2, 4, 3}));
  attrs["a_shift"] = Ints{1};
  EXPECT_THAT(error_of(infer(OpKind::qadd, {qi8({3}), qi8({3})}, attrs)), HasSubstr("a_shift holds 1, outside [-31, 0]"));
}

TEST(QavgPoolRule, PoolShapeInTheInputsDtype) {
  AttrMap attrs{{"kernel_shape", Ints{3, 3}}, {"strides", Ints{2, 2}},        {"pads", Ints{1, 1, 1, 1}},
                {"dilations", Ints{1, 1}},    {"ceil_mode", int64_t{0}},       {"count_include_pad", int64_t{0}},
                {"x_zero_point", int64_t{7}}, {"y_dtype", std::string("u8")}, {"multiplier", Ints{1 << 30}},
                {"shift", Ints{-8}}};
  EXPECT_EQ(only(infer(OpKind::qavg_pool, {qu8({1, 4, 7, 6})}, attrs)), qu8({1, 4, 4, 3}));
  EXPECT_THAT(error_of(infer(OpKind::qavg_pool, {qi8({1, 4, 7, 6})}, attrs)), HasSubstr("y_dtype must be the input's i8"));
  EXPECT_THAT(error_of(infer(OpKind::qavg_pool, {f32({1, 4, 7, 6})}, attrs)), HasSubstr("operand 0 must be u8 or i8"));
  attrs.erase("multiplier");
  EXPECT_THAT(error_of(infer(OpKind::qavg_pool, {qu8({1, 4, 7, 6})}, attrs)), HasSubstr("multiplier is required"));
}

}  // namespace
}  // namespace ingot
