// Normalisation: softmax and log_softmax along one axis, layer norm over the
// trailing axes, inference batch norm, instance norm and local response norm.
// All take float tensors and keep the input's type.
#include <fmt/format.h>

#include "ir/ops/families.h"
#include "ir/ops/shape_util.h"

namespace ingot::ops {
namespace {

Result<TensorType> float_input(const Node& node) {
  const TensorType& x = input_type(node, 0);
  if (!is_float(x.dtype)) return Status::invalid("the operand must be a float tensor");
  return x;
}

Status check_epsilon(const Node& node) {
  if (!(node.attr_f("epsilon") >= 0)) return Status::invalid("epsilon must be non-negative");
  return {};
}

Types same_as_input(const TensorType& x) { return std::vector<TensorType>{TensorType{x.dtype, x.shape, std::nullopt}}; }

Types softmax_rule(const Node& node) {
  INGOT_ASSIGN_OR_RETURN(TensorType x, float_input(node));
  int64_t axis = node.attr_i("axis");
  if (axis < 0 || axis >= x.rank()) return Status::invalid(fmt::format("axis {} is out of range for rank {}", axis, x.rank()));
  return same_as_input(x);
}

// A per-element parameter of layer_norm: same dtype as x, broadcastable to
// the normalised shape x.shape[axis:] without growing it.
Status check_layer_param(const Node& node, size_t index, std::string_view what, const Shape& normalized) {
  const Value* param = node.input(index);
  if (param == nullptr) return {};
  if (param->type().dtype != input_type(node, 0).dtype) return Status::invalid(fmt::format("the {} must have x's dtype", what));
  Result<Shape> shape = broadcast(param->type().shape, normalized);
  if (!shape.ok() || *shape != normalized) {
    return Status::invalid(fmt::format("the {} [{}] does not broadcast to the normalised shape [{}]", what,
                                       shape_to_string(param->type().shape), shape_to_string(normalized)));
  }
  return {};
}

Types layer_norm_rule(const Node& node) {
  INGOT_ASSIGN_OR_RETURN(TensorType x, float_input(node));
  INGOT_RETURN_IF_ERROR(check_epsilon(node));
  int64_t axis = node.attr_i("axis");
  if (axis < 0 || axis >= x.rank()) return Status::invalid(fmt::format("axis {} is out of range for rank {}", axis, x.rank()));
  Shape normalized(x.shape.begin() + axis, x.shape.end());
  INGOT_RETURN_IF_ERROR(check_layer_param(node, 1, "scale", normalized));
  INGOT_RETURN_IF_ERROR(check_layer_param(node, 2, "bias", normalized));
  return same_as_input(x);
}

// Per-channel parameters (batch_norm, instance_norm): 1-D of length C = x.shape[1].
Status check_channel_params(const Node& node, const TensorType& x) {
  for (size_t i = 1; i < node.inputs().size(); ++i) {
    const TensorType& param = input_type(node, i);
    if (param.dtype != x.dtype) return Status::invalid(fmt::format("operand {} must have x's dtype", i));
    if (param.shape != Shape{x.shape[1]}) {
      return Status::invalid(fmt::format("operand {} must have shape [{}] (the channels), not [{}]", i, x.shape[1],
                                         shape_to_string(param.shape)));
    }
  }
  return {};
}

Types channel_norm_rule(const Node& node, int64_t min_rank) {
  INGOT_ASSIGN_OR_RETURN(TensorType x, float_input(node));
  INGOT_RETURN_IF_ERROR(check_epsilon(node));
  if (x.rank() < min_rank) return Status::invalid(fmt::format("the operand must have rank {} or more", min_rank));
  INGOT_RETURN_IF_ERROR(check_channel_params(node, x));
  return same_as_input(x);
}

Types batch_norm_rule(const Node& node) { return channel_norm_rule(node, 2); }
Types instance_norm_rule(const Node& node) { return channel_norm_rule(node, 3); }

Types lrn_rule(const Node& node) {
  INGOT_ASSIGN_OR_RETURN(TensorType x, float_input(node));
  if (x.rank() < 2) return Status::invalid("the operand must have rank 2 or more (channels on axis 1)");
  if (node.attr_i("size") < 1) return Status::invalid("size must be positive");
  return same_as_input(x);
}

constexpr AttrSpec kEpsilon{"epsilon", AttrType::f64, true};

}  // namespace

std::vector<OpInfo> norm_ops() {
  return {
      {OpKind::softmax, {{"x"}}, {{"axis", AttrType::i64, true}}, 1, softmax_rule, "e^x / sum(e^x) along axis"},
      {OpKind::log_softmax, {{"x"}}, {{"axis", AttrType::i64, true}}, 1, softmax_rule,
       "x - log(sum(e^x)) along axis"},
      {OpKind::layer_norm,
       {{"x"}, {"scale"}, {"bias", true}},
       {{"axis", AttrType::i64, true}, kEpsilon},
       1,
       layer_norm_rule,
       "(x - mean) / sqrt(var + epsilon) * scale + bias over the axes [axis, rank)"},
      {OpKind::batch_norm,
       {{"x"}, {"scale"}, {"bias"}, {"mean"}, {"var"}},
       {kEpsilon},
       1,
       batch_norm_rule,
       "inference batch norm: (x - mean) / sqrt(var + epsilon) * scale + bias per channel (axis 1)"},
      {OpKind::instance_norm,
       {{"x"}, {"scale"}, {"bias"}},
       {kEpsilon},
       1,
       instance_norm_rule,
       "per sample and channel: (x - mean) / sqrt(var + epsilon) * scale + bias over the spatial axes"},
      {OpKind::lrn,
       {{"x"}},
       {{"alpha", AttrType::f64, true}, {"beta", AttrType::f64, true}, {"bias", AttrType::f64, true},
        {"size", AttrType::i64, true}},
       1,
       lrn_rule,
       "x / (bias + alpha / size * sum of x^2 over `size` neighbouring channels)^beta"},
  };
}

}  // namespace ingot::ops
