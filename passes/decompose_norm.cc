// Normalisations written with reductions and arithmetic, and softmax on an
// inner axis moved to the last axis, where kernels are fast.
#include <cmath>
#include <numeric>

#include "passes/decompositions.h"
#include "passes/rewrite.h"

namespace ingot {
namespace {

// layer_norm over [axis, rank): d = x - mean(x); y = d / sqrt(mean(d^2) + eps) * scale + bias
Replacement decompose_layer_norm(Graph& g, const Node& node) {
  Value* x = node.input(0);
  const int64_t rank = x->type().rank();
  int64_t axis = node.attr_i("axis");
  if (axis < 0) axis += rank;
  std::vector<int64_t> axes(static_cast<size_t>(rank - axis));
  std::iota(axes.begin(), axes.end(), axis);
  const AttrMap mean_attrs{{"axes", axes}, {"keepdims", int64_t{1}}};
  INGOT_ASSIGN_OR_RETURN(Value * mean, emit_before(g, node, OpKind::reduce_mean, {x}, mean_attrs));
  INGOT_ASSIGN_OR_RETURN(Value * centered, emit_before(g, node, OpKind::sub, {x, mean}));
  INGOT_ASSIGN_OR_RETURN(Value * squared, emit_before(g, node, OpKind::mul, {centered, centered}));
  INGOT_ASSIGN_OR_RETURN(Value * variance, emit_before(g, node, OpKind::reduce_mean, {squared}, mean_attrs));
  INGOT_ASSIGN_OR_RETURN(Value * shifted, emit_before(g, node, OpKind::add, {variance, scalar_like_result(g, node, node.attr_f("epsilon"))}));
  INGOT_ASSIGN_OR_RETURN(Value * deviation, emit_before(g, node, OpKind::sqrt, {shifted}));
  INGOT_ASSIGN_OR_RETURN(Value * normalized, emit_before(g, node, OpKind::div, {centered, deviation}));
  INGOT_ASSIGN_OR_RETURN(Value * y, emit_before(g, node, OpKind::mul, {normalized, node.input(1)}));
  if (Value* bias = node.input(2)) {
    INGOT_ASSIGN_OR_RETURN(y, emit_before(g, node, OpKind::add, {y, bias}));
  }
  return std::optional<std::vector<Value*>>{{y}};
}

// batch_norm with constant parameters: x * s + shift per channel, s and shift
// computed now and shaped [C, 1, ...] to broadcast over axis 1.
Replacement decompose_batch_norm(Graph& g, const Node& node) {
  auto gamma = constant_values(node.input(1));
  auto beta = constant_values(node.input(2));
  auto mean = constant_values(node.input(3));
  auto var = constant_values(node.input(4));
  if (!gamma || !beta || !mean || !var) return std::optional<std::vector<Value*>>{};
  const TensorType& x = node.input(0)->type();
  std::vector<double> scale(gamma->size()), shift(gamma->size());
  for (size_t c = 0; c < scale.size(); ++c) {
    scale[c] = (*gamma)[c] / std::sqrt((*var)[c] + node.attr_f("epsilon"));
    shift[c] = (*beta)[c] - (*mean)[c] * scale[c];
  }
  Shape channel_shape(static_cast<size_t>(x.rank() - 1), 1);
  channel_shape[0] = x.shape[1];
  const std::string base = node.output(0)->name();
  Value* scale_value = add_constant_values(g, base + "_scale", x.dtype, channel_shape, scale);
  Value* shift_value = add_constant_values(g, base + "_shift", x.dtype, channel_shape, shift);
  INGOT_ASSIGN_OR_RETURN(Value * scaled, emit_before(g, node, OpKind::mul, {node.input(0), scale_value}));
  INGOT_ASSIGN_OR_RETURN(Value * y, emit_before(g, node, OpKind::add, {scaled, shift_value}));
  return std::optional<std::vector<Value*>>{{y}};
}

// softmax / log_softmax on an inner axis: swap it with the last axis, apply
// there, swap back (the swap is its own inverse).
Replacement softmax_on_last_axis(Graph& g, const Node& node) {
  const int64_t rank = node.input(0)->type().rank();
  int64_t axis = node.attr_i("axis");
  if (axis < 0) axis += rank;
  if (axis == rank - 1) return std::optional<std::vector<Value*>>{};
  std::vector<int64_t> perm(static_cast<size_t>(rank));
  std::iota(perm.begin(), perm.end(), 0);
  std::swap(perm[static_cast<size_t>(axis)], perm.back());
  INGOT_ASSIGN_OR_RETURN(Value * moved, emit_before(g, node, OpKind::transpose, {node.input(0)}, {{"perm", perm}}));
  INGOT_ASSIGN_OR_RETURN(Value * applied, emit_before(g, node, node.op(), {moved}, {{"axis", rank - 1}}));
  INGOT_ASSIGN_OR_RETURN(Value * y, emit_before(g, node, OpKind::transpose, {applied}, {{"perm", perm}}));
  return std::optional<std::vector<Value*>>{{y}};
}

}  // namespace

std::vector<Decomposition> norm_decompositions() {
  using enum OpKind;
  return {{layer_norm, decompose_layer_norm, {reduce_mean, sub, mul, add, sqrt, div}},
          {batch_norm, decompose_batch_norm, {mul, add}},
          {softmax, softmax_on_last_axis, {transpose, softmax}},
          {log_softmax, softmax_on_last_axis, {transpose, log_softmax}}};
}

}  // namespace ingot
