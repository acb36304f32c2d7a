// Reductions over a set of axes, and arg_max / arg_min along one axis.
//
// A reduction names its axes explicitly: the `axes` attribute is sorted,
// unique and non-negative, and an empty list reduces over no axis (each output
// element reduces one input element). When ONNX gives the axes as a tensor
// known only at run time, the node carries that tensor as the `axes` operand
// instead (with ONNX's meaning: an empty tensor reduces over every axis) and
// the output type is the one the source model declares.
#include <fmt/format.h>

#include "ir/ops/families.h"
#include "ir/ops/shape_util.h"

namespace ingot::ops {
namespace {

Status check_keepdims(const Node& node) {
  int64_t keepdims = node.attr_i("keepdims");
  if (keepdims != 0 && keepdims != 1) return Status::invalid(fmt::format("keepdims must be 0 or 1, not {}", keepdims));
  return {};
}

// Axes must be sorted, unique and in [0, rank).
Status check_axes(const std::vector<int64_t>& axes, int64_t rank) {
  for (size_t i = 0; i < axes.size(); ++i) {
    if (axes[i] < 0 || axes[i] >= rank) {
      return Status::invalid(fmt::format("axis {} is out of range for rank {}", axes[i], rank));
    }
    if (i > 0 && axes[i] <= axes[i - 1]) return Status::invalid("axes must be sorted and unique");
  }
  return {};
}

Shape reduced_shape(const Shape& shape, const std::vector<int64_t>& axes, bool keepdims) {
  Shape out;
  size_t next = 0;
  for (int64_t d = 0; d < static_cast<int64_t>(shape.size()); ++d) {
    bool reduced = next < axes.size() && axes[next] == d;
    if (reduced) ++next;
    if (!reduced) {
      out.push_back(shape[d]);
    } else if (keepdims) {
      out.push_back(1);
    }
  }
  return out;
}

// The data-dependent form: the axes come from a run-time tensor.
Types runtime_axes_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  const TensorType& axes = input_type(node, 1);
  if (!is_integer(axes.dtype) || axes.rank() != 1) return Status::invalid("the axes operand must be a 1-D integer tensor");
  INGOT_ASSIGN_OR_RETURN(std::vector<TensorType> declared, declared_outputs(node));
  if (declared.size() != 1) return Status::invalid("a reduction has one output");
  const TensorType& out = declared[0];
  if (out.dtype != x.dtype) return Status::invalid("the output must keep the operand's dtype");
  bool keepdims = node.attr_i("keepdims") == 1;
  if (keepdims ? out.rank() != x.rank() : out.rank() > x.rank()) {
    return Status::invalid(fmt::format("output rank {} does not fit a reduction of rank {} with keepdims={}",
                                       out.rank(), x.rank(), keepdims ? 1 : 0));
  }
  return declared;
}

Types reduce_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  if (x.dtype == DType::boolean) return Status::invalid("cannot reduce a bool tensor");
  INGOT_RETURN_IF_ERROR(check_keepdims(node));
  bool has_operand = node.input(1) != nullptr;
  if (has_operand == node.has_attr("axes")) {
    return Status::invalid("exactly one of the axes attribute and the axes operand must be given");
  }
  if (has_operand) return runtime_axes_rule(node);
  std::vector<int64_t> axes = node.attr_ints("axes");
  INGOT_RETURN_IF_ERROR(check_axes(axes, x.rank()));
  return std::vector<TensorType>{TensorType{x.dtype, reduced_shape(x.shape, axes, node.attr_i("keepdims") == 1), std::nullopt}};
}

Types arg_reduce_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  if (x.dtype == DType::boolean) return Status::invalid("cannot take arg_max or arg_min of a bool tensor");
  INGOT_RETURN_IF_ERROR(check_keepdims(node));
  int64_t last = node.attr_i("select_last_index");
  if (last != 0 && last != 1) return Status::invalid(fmt::format("select_last_index must be 0 or 1, not {}", last));
  int64_t axis = node.attr_i("axis");
  INGOT_RETURN_IF_ERROR(check_axes({axis}, x.rank()));
  if (x.shape[axis] == 0) return Status::invalid(fmt::format("axis {} is empty: there is no index to pick", axis));
  return std::vector<TensorType>{
      TensorType{DType::i64, reduced_shape(x.shape, {axis}, node.attr_i("keepdims") == 1), std::nullopt}};
}

OpInfo reduce(OpKind kind, std::string_view summary) {
  return {kind,
          {{"x"}, {"axes", /*optional=*/true}},
          {{"axes", AttrType::i64s}, {"keepdims", AttrType::i64, true}},
          1,
          reduce_rule,
          summary};
}

OpInfo arg_reduce(OpKind kind, std::string_view summary) {
  return {kind,
          {{"x"}},
          {{"axis", AttrType::i64, true}, {"keepdims", AttrType::i64, true}, {"select_last_index", AttrType::i64, true}},
          1,
          arg_reduce_rule,
          summary};
}

}  // namespace

std::vector<OpInfo> reduce_ops() {
  return {
      reduce(OpKind::reduce_sum, "sum over axes (an empty set gives 0)"),
      reduce(OpKind::reduce_mean, "arithmetic mean over axes"),
      reduce(OpKind::reduce_max, "maximum over axes (an empty set gives the lowest value)"),
      reduce(OpKind::reduce_min, "minimum over axes (an empty set gives the highest value)"),
      reduce(OpKind::reduce_prod, "product over axes (an empty set gives 1)"),
      reduce(OpKind::reduce_l1, "sum of |x| over axes"),
      reduce(OpKind::reduce_l2, "sqrt of the sum of x^2 over axes"),
      reduce(OpKind::reduce_log_sum, "log of the sum over axes"),
      reduce(OpKind::reduce_log_sum_exp, "log of the sum of e^x over axes, computed stably"),
      reduce(OpKind::reduce_sum_square, "sum of x^2 over axes"),
      arg_reduce(OpKind::arg_max, "i64 index of the largest value along axis (first, or last when select_last_index)"),
      arg_reduce(OpKind::arg_min, "i64 index of the smallest value along axis (first, or last when select_last_index)"),
  };
}

}  // namespace ingot::ops
