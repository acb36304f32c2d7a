// Elementwise binary ops with numpy broadcasting, and `where`.
#include <fmt/format.h>

#include "ir/ops/families.h"
#include "ir/ops/fused_activation.h"
#include "ir/ops/shape_util.h"

namespace ingot::ops {
namespace {

// Same dtype on both sides; the result keeps it.
Types arithmetic_rule(const Node& node) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, common_dtype(node));
  INGOT_ASSIGN_OR_RETURN(Shape shape, broadcast(input_type(node, 0).shape, input_type(node, 1).shape));
  INGOT_RETURN_IF_ERROR(check_fused_activation(node, dtype));
  return std::vector<TensorType>{{dtype, shape}};
}

// pow allows an exponent of another dtype; the result has the base's.
Types pow_rule(const Node& node) {
  INGOT_ASSIGN_OR_RETURN(Shape shape, broadcast(input_type(node, 0).shape, input_type(node, 1).shape));
  return std::vector<TensorType>{{input_type(node, 0).dtype, shape}};
}

Types compare_rule(const Node& node) {
  INGOT_RETURN_IF_ERROR(common_dtype(node).status());
  INGOT_ASSIGN_OR_RETURN(Shape shape, broadcast(input_type(node, 0).shape, input_type(node, 1).shape));
  return std::vector<TensorType>{{DType::boolean, shape}};
}

Types logical_rule(const Node& node) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, common_dtype(node));
  if (dtype != DType::boolean) return Status::invalid("logical ops take bool operands");
  return arithmetic_rule(node);
}

Types where_rule(const Node& node) {
  if (input_type(node, 0).dtype != DType::boolean) return Status::invalid("the condition must be bool");
  const TensorType& x = input_type(node, 1);
  if (x.dtype != input_type(node, 2).dtype) return Status::invalid("both branches must share a dtype");
  INGOT_ASSIGN_OR_RETURN(Shape shape, broadcast(input_type(node, 0).shape, x.shape));
  INGOT_ASSIGN_OR_RETURN(shape, broadcast(shape, input_type(node, 2).shape));
  return std::vector<TensorType>{{x.dtype, shape}};
}

OpInfo binary(OpKind kind, ShapeRule rule, std::string_view summary, std::vector<AttrSpec> attrs = {}) {
  return {kind, {{"a"}, {"b"}}, std::move(attrs), 1, rule, summary};
}

const std::vector<AttrSpec> kFusible{kActivationAttr, kActivationParamsAttr};

}  // namespace

std::vector<OpInfo> binary_ops() {
  return {
      binary(OpKind::add, arithmetic_rule, "a + b, then the optional fused activation", kFusible),
      binary(OpKind::sub, arithmetic_rule, "a - b, then the optional fused activation", kFusible),
      binary(OpKind::mul, arithmetic_rule, "a * b, then the optional fused activation", kFusible),
      binary(OpKind::div, arithmetic_rule, "a / b (integer division truncates), then the optional fused activation", kFusible),
      binary(OpKind::pow, pow_rule, "a raised to b"),
      binary(OpKind::min, arithmetic_rule, "elementwise minimum"),
      binary(OpKind::max, arithmetic_rule, "elementwise maximum"),
      binary(OpKind::mod, arithmetic_rule, "remainder; sign of the divisor, or of the dividend when fmod=1",
             {{"fmod", AttrType::i64}}),
      binary(OpKind::shift_left, arithmetic_rule, "a << b (unsigned integers)"),
      binary(OpKind::shift_right, arithmetic_rule, "a >> b (unsigned integers)"),
      binary(OpKind::logical_and, logical_rule, "a && b"),
      binary(OpKind::logical_or, logical_rule, "a || b"),
      binary(OpKind::logical_xor, logical_rule, "a != b on bools"),
      binary(OpKind::equal, compare_rule, "a == b"),
      binary(OpKind::less, compare_rule, "a < b"),
      binary(OpKind::less_equal, compare_rule, "a <= b"),
      binary(OpKind::greater, compare_rule, "a > b"),
      binary(OpKind::greater_equal, compare_rule, "a >= b"),
      {OpKind::where, {{"condition"}, {"x"}, {"y"}}, {}, 1, where_rule, "condition ? x : y, broadcast"},
  };
}

}  // namespace ingot::ops
