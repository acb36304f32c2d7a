// Elementwise unary ops and cast.
#include "ir/ops/families.h"
#include "ir/ops/shape_util.h"

namespace ingot::ops {
namespace {

Types same_rule(const Node& node) { return std::vector<TensorType>{{input_type(node, 0).dtype, input_type(node, 0).shape}}; }

Types float_rule(const Node& node) {
  if (!is_float(input_type(node, 0).dtype)) return Status::invalid("the operand must be a float tensor");
  return same_rule(node);
}

Types predicate_rule(const Node& node) { return std::vector<TensorType>{{DType::boolean, input_type(node, 0).shape}}; }

Types not_rule(const Node& node) {
  if (input_type(node, 0).dtype != DType::boolean) return Status::invalid("logical_not takes a bool operand");
  return same_rule(node);
}

Types cast_rule(const Node& node) {
  std::optional<DType> to = parse_dtype(node.attr_s("to"));
  if (!to) return Status::invalid("unknown target dtype '" + node.attr_s("to") + "'");
  return std::vector<TensorType>{{*to, input_type(node, 0).shape}};
}

OpInfo unary(OpKind kind, ShapeRule rule, std::string_view summary) { return {kind, {{"x"}}, {}, 1, rule, summary}; }

}  // namespace

std::vector<OpInfo> unary_ops() {
  return {
      unary(OpKind::abs, same_rule, "|x|"),
      unary(OpKind::neg, same_rule, "-x"),
      unary(OpKind::exp, float_rule, "e^x"),
      unary(OpKind::log, float_rule, "natural logarithm"),
      unary(OpKind::sqrt, float_rule, "square root"),
      unary(OpKind::reciprocal, float_rule, "1 / x"),
      unary(OpKind::sigmoid, float_rule, "1 / (1 + e^-x)"),
      unary(OpKind::silu, float_rule, "x * sigmoid(x) (swish)"),
      unary(OpKind::tanh, float_rule, "hyperbolic tangent"),
      unary(OpKind::relu, same_rule, "max(x, 0)"),
      unary(OpKind::erf, float_rule, "error function"),
      unary(OpKind::sin, float_rule, "sine"),
      unary(OpKind::cos, float_rule, "cosine"),
      unary(OpKind::tan, float_rule, "tangent"),
      unary(OpKind::asin, float_rule, "arcsine"),
      unary(OpKind::acos, float_rule, "arccosine"),
      unary(OpKind::atan, float_rule, "arctangent"),
      unary(OpKind::sinh, float_rule, "hyperbolic sine"),
      unary(OpKind::cosh, float_rule, "hyperbolic cosine"),
      unary(OpKind::asinh, float_rule, "inverse hyperbolic sine"),
      unary(OpKind::acosh, float_rule, "inverse hyperbolic cosine"),
      unary(OpKind::atanh, float_rule, "inverse hyperbolic tangent"),
      unary(OpKind::floor, float_rule, "round down"),
      unary(OpKind::ceil, float_rule, "round up"),
      unary(OpKind::round, float_rule, "round half to even"),
      unary(OpKind::sign, same_rule, "-1, 0 or 1"),
      unary(OpKind::logical_not, not_rule, "!x"),
      unary(OpKind::isnan, predicate_rule, "x is NaN"),
      {OpKind::isinf, {{"x"}}, {{"detect_negative", AttrType::i64}, {"detect_positive", AttrType::i64}}, 1,
       predicate_rule, "x is +inf (detect_positive) or -inf (detect_negative)"},
      {OpKind::cast, {{"x"}}, {{"to", AttrType::str, true}}, 1, cast_rule, "convert to the dtype `to`"},
  };
}

}  // namespace ingot::ops
