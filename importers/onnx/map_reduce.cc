// ONNX reductions (ReduceSum, ReduceMean, ... ReduceSumSquare) and
// ArgMax / ArgMin.
//
// The axes of a reduction are an attribute up to ReduceSum-11 and the other
// Reduce ops' opset 13, and an optional input after that (ReduceSum-13,
// Reduce*-18). Either way ingot writes them as an explicit, sorted,
// non-negative `axes` attribute; ONNX's "no axes" (reduce everything) becomes
// the full list, and noop_with_empty_axes=1 with no axes becomes a copy.
// Axes known only at run time stay an operand.
#include <algorithm>

#include <fmt/format.h>

#include "importers/onnx/converters.h"

namespace ingot::onnx_import {
namespace {

// The compile-time values of an integer operand; an operand with no
// elements is known to be empty even when it is a graph input.
std::optional<std::vector<int64_t>> known_axes(const ConvertContext& ctx, size_t index) {
  if (auto values = ctx.constant_ints(index)) return values;
  const Value* value = ctx.input(index);
  if (value != nullptr && num_elements(value->type().shape) == 0) return std::vector<int64_t>{};
  return std::nullopt;
}

// ONNX axes (possibly negative, any order) -> sorted, non-negative, unique.
Result<std::vector<int64_t>> normalize_axes(std::vector<int64_t> axes, int64_t rank) {
  for (int64_t& axis : axes) {
    if (axis < -rank || axis >= rank) return Status::invalid(fmt::format("axis {} is out of range for rank {}", axis, rank));
    if (axis < 0) axis += rank;
  }
  std::sort(axes.begin(), axes.end());
  if (std::adjacent_find(axes.begin(), axes.end()) != axes.end()) return Status::invalid("axes must not repeat");
  return axes;
}

std::vector<int64_t> all_axes(int64_t rank) {
  std::vector<int64_t> axes(rank);
  for (int64_t i = 0; i < rank; ++i) axes[i] = i;
  return axes;
}

// Run-time axes: the node keeps the tensor and takes ONNX's inferred type.
Status reduce_runtime_axes(ConvertContext& ctx, OpKind op, Value* x, Value* axes, int64_t keepdims) {
  if (ctx.attr_int("noop_with_empty_axes", 0) != 0) {
    return ctx.unsupported("run-time axes with noop_with_empty_axes=1 are not supported");
  }
  if (!ctx.inferred_output_type(0)) {
    return ctx.unsupported("the axes are only known at run time and ONNX cannot infer the output shape");
  }
  return ctx.emit_final(op, {x, axes}, {{"keepdims", keepdims}});
}

template <OpKind kOp>
Status reduce(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  const int64_t keepdims = ctx.attr_int("keepdims", 1) != 0 ? 1 : 0;
  std::vector<int64_t> axes;
  if (ctx.input(1) != nullptr) {
    std::optional<std::vector<int64_t>> known = known_axes(ctx, 1);
    if (!known) return reduce_runtime_axes(ctx, kOp, x, ctx.input(1), keepdims);
    axes = std::move(*known);
  } else {
    axes = ctx.attr_ints("axes", {});
  }
  if (axes.empty()) {
    if (ctx.attr_int("noop_with_empty_axes", 0) != 0) return ctx.emit_final(OpKind::copy, {x});
    axes = all_axes(x->type().rank());
  }
  INGOT_ASSIGN_OR_RETURN(axes, normalize_axes(std::move(axes), x->type().rank()));
  return ctx.emit_final(kOp, {x}, {{"axes", axes}, {"keepdims", keepdims}});
}

// ArgMax / ArgMin: axis 0 and keepdims 1 by default; select_last_index
// appeared in opset 12 (before, the first index was picked).
template <OpKind kOp>
Status arg_reduce(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  const int64_t rank = x->type().rank();
  int64_t axis = ctx.attr_int("axis", 0);
  if (axis < -rank || axis >= rank) return ctx.unsupported(fmt::format("axis {} is out of range for rank {}", axis, rank));
  if (axis < 0) axis += rank;
  return ctx.emit_final(kOp, {x},
                        {{"axis", axis},
                         {"keepdims", ctx.attr_int("keepdims", 1) != 0 ? int64_t{1} : int64_t{0}},
                         {"select_last_index", ctx.attr_int("select_last_index", 0) != 0 ? int64_t{1} : int64_t{0}}});
}

}  // namespace

std::vector<ConverterEntry> reduce_converters() {
  using K = OpKind;
  return {
      {"ReduceSum", reduce<K::reduce_sum>, {K::reduce_sum, K::copy}},
      {"ReduceMean", reduce<K::reduce_mean>, {K::reduce_mean, K::copy}},
      {"ReduceMax", reduce<K::reduce_max>, {K::reduce_max, K::copy}},
      {"ReduceMin", reduce<K::reduce_min>, {K::reduce_min, K::copy}},
      {"ReduceProd", reduce<K::reduce_prod>, {K::reduce_prod, K::copy}},
      {"ReduceL1", reduce<K::reduce_l1>, {K::reduce_l1, K::copy}},
      {"ReduceL2", reduce<K::reduce_l2>, {K::reduce_l2, K::copy}},
      {"ReduceLogSum", reduce<K::reduce_log_sum>, {K::reduce_log_sum, K::copy}},
      {"ReduceLogSumExp", reduce<K::reduce_log_sum_exp>, {K::reduce_log_sum_exp, K::copy}},
      {"ReduceSumSquare", reduce<K::reduce_sum_square>, {K::reduce_sum_square, K::copy}},
      {"ArgMax", arg_reduce<K::arg_max>, {K::arg_max}},
      {"ArgMin", arg_reduce<K::arg_min>, {K::arg_min}},
  };
}

}  // namespace ingot::onnx_import
