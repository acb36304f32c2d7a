// Parameterised activations. Parameters are attributes with their ONNX
// defaults made explicit by the importers.
#include "ir/ops/families.h"
#include "ir/ops/shape_util.h"

namespace ingot::ops {
namespace {

Types float_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  if (!is_float(x.dtype)) return Status::invalid("the operand must be a float tensor");
  return std::vector<TensorType>{{x.dtype, x.shape}};
}

// clip also works on integers.
Types clip_rule(const Node& node) { return std::vector<TensorType>{{input_type(node, 0).dtype, input_type(node, 0).shape}}; }

Types prelu_rule(const Node& node) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, common_dtype(node));
  INGOT_ASSIGN_OR_RETURN(Shape shape, broadcast(input_type(node, 0).shape, input_type(node, 1).shape));
  if (shape != input_type(node, 0).shape) return Status::invalid("the slope must broadcast to the input's shape");
  return std::vector<TensorType>{{dtype, shape}};
}

OpInfo activation(OpKind kind, std::vector<AttrSpec> attrs, std::string_view summary) {
  return {kind, {{"x"}}, std::move(attrs), 1, float_rule, summary};
}

constexpr AttrSpec kAlpha{"alpha", AttrType::f64, true};

}  // namespace

std::vector<OpInfo> activation_ops() {
  return {
      {OpKind::clip, {{"x"}}, {{"min", AttrType::f64, true}, {"max", AttrType::f64, true}}, 1, clip_rule,
       "min(max(x, min), max)"},
      activation(OpKind::leaky_relu, {kAlpha}, "x < 0 ? alpha * x : x"),
      activation(OpKind::elu, {kAlpha}, "x < 0 ? alpha * (e^x - 1) : x"),
      activation(OpKind::selu, {kAlpha, {"gamma", AttrType::f64, true}}, "gamma * elu(x, alpha)"),
      activation(OpKind::celu, {kAlpha}, "max(0, x) + min(0, alpha * (e^(x/alpha) - 1))"),
      activation(OpKind::hard_sigmoid, {kAlpha, {"beta", AttrType::f64, true}}, "max(0, min(1, alpha * x + beta))"),
      activation(OpKind::hard_swish, {}, "x * max(0, min(1, x / 6 + 1/2))"),
      activation(OpKind::gelu, {{"approximate", AttrType::str, true}}, "x * Phi(x); approximate is none or tanh"),
      activation(OpKind::softplus, {}, "log(1 + e^x)"),
      activation(OpKind::softsign, {}, "x / (1 + |x|)"),
      activation(OpKind::thresholded_relu, {kAlpha}, "x > alpha ? x : 0"),
      activation(OpKind::shrink, {{"lambd", AttrType::f64, true}, {"bias", AttrType::f64, true}},
                 "x < -lambd ? x + bias : x > lambd ? x - bias : 0"),
      {OpKind::prelu, {{"x"}, {"slope"}}, {}, 1, prelu_rule, "x < 0 ? slope * x : x, slope broadcast"},
  };
}

}  // namespace ingot::ops
