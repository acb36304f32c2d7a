// ONNX layout ops: Reshape, Flatten, Squeeze, Unsqueeze, Transpose, Expand,
// Concat, Split, Slice, Pad, Tile, DepthToSpace, SpaceToDepth.
//
// Parameters that ONNX passes as tensors become attributes when they are
// known at compile time. Reshape, Flatten, Squeeze, Unsqueeze, Expand, Tile
// and Split only need their output shape(s), so run-time parameters are
// resolved from ONNX's inferred output types. Slice and Pad keep run-time
// parameters as operands.
#include <algorithm>
#include <cstdint>
#include <numeric>

#include <fmt/format.h>

#include "importers/onnx/converters.h"
#include "ir/ops/shape_util.h"

namespace ingot::onnx_import {
namespace {

// ONNX axes (possibly negative, any order) -> sorted, non-negative, unique.
Result<std::vector<int64_t>> normalize_axes(std::vector<int64_t> axes, int64_t rank) {
  for (int64_t& axis : axes) {
    INGOT_ASSIGN_OR_RETURN(axis, ops::normalize_axis(axis, rank));
  }
  std::sort(axes.begin(), axes.end());
  if (std::adjacent_find(axes.begin(), axes.end()) != axes.end()) return Status::invalid("axes must not repeat");
  return axes;
}

// The static output shape ONNX inferred, for parameters known only at run time.
Result<Shape> inferred_shape(const ConvertContext& ctx, size_t output, std::string_view what) {
  std::optional<TensorType> type = ctx.inferred_output_type(output);
  if (!type) return Status::invalid(fmt::format("the {} is only known at run time and ONNX cannot infer the output shape", what));
  return type->shape;
}

// A parameter that is an attribute in old opsets and an input in new ones.
std::optional<std::vector<int64_t>> ints_param(const ConvertContext& ctx, int64_t input_since, size_t input,
                                               const std::string& attr) {
  if (ctx.opset() < input_since) {
    if (!ctx.has_attr(attr)) return std::nullopt;
    return ctx.attr_ints(attr);
  }
  return ctx.constant_ints(input);
}

Status emit_reshape(ConvertContext& ctx, Value* x, const Shape& shape) {
  return ctx.emit_final(OpKind::reshape, {x}, {{"shape", shape}});
}

// Reshape's target with 0 (copy the input dim, unless allowzero) and one -1
// (whatever is left) resolved.
Result<Shape> resolve_reshape(const Shape& in, const std::vector<int64_t>& target, bool allowzero) {
  Shape out(target.size());
  int64_t known = 1;
  std::optional<size_t> infer;
  for (size_t i = 0; i < target.size(); ++i) {
    if (target[i] == -1) {
      if (infer) return Status::invalid("the shape has more than one -1");
      infer = i;
      continue;
    }
    if (target[i] < -1) return Status::invalid(fmt::format("the shape has an invalid dim {}", target[i]));
    if (target[i] == 0 && !allowzero) {
      if (i >= in.size()) return Status::invalid("a 0 in the shape has no input dim to copy");
      out[i] = in[i];
    } else {
      out[i] = target[i];
    }
    INGOT_RETURN_IF_ERROR(checked_num_elements({known, out[i]}).status());
    known *= out[i];
  }
  const int64_t total = num_elements(in);
  if (infer) {
    if (known == 0 || total % known != 0) return Status::invalid("the -1 in the shape cannot be resolved");
    out[*infer] = total / known;
  }
  if (num_elements(out) != total) return Status::invalid("the shape does not hold as many elements as the input");
  return out;
}

Status reshape(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  std::optional<std::vector<int64_t>> target = ints_param(ctx, 5, 1, "shape");
  if (!target) {
    INGOT_ASSIGN_OR_RETURN(Shape shape, inferred_shape(ctx, 0, "target shape"));
    return emit_reshape(ctx, x, shape);
  }
  INGOT_ASSIGN_OR_RETURN(Shape shape, resolve_reshape(x->type().shape, *target, ctx.attr_int("allowzero", 0) != 0));
  return emit_reshape(ctx, x, shape);
}

Status flatten(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  const Shape& in = x->type().shape;
  const int64_t rank = x->type().rank();
  int64_t axis = ctx.attr_int("axis", 1);
  if (axis < -rank || axis > rank) return ctx.unsupported(fmt::format("axis {} is out of range for rank {}", axis, rank));
  if (axis < 0) axis += rank;
  auto product = [&](int64_t begin, int64_t end) {
    return std::accumulate(in.begin() + begin, in.begin() + end, int64_t{1}, std::multiplies<>());
  };
  return emit_reshape(ctx, x, {product(0, axis), product(axis, rank)});
}

Status squeeze(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  const Shape& in = x->type().shape;
  const bool axes_given = ctx.opset() < 13 ? ctx.has_attr("axes") : ctx.input(1) != nullptr;
  std::optional<std::vector<int64_t>> axes = axes_given ? ints_param(ctx, 13, 1, "axes") : std::vector<int64_t>{};
  if (!axes) {
    INGOT_ASSIGN_OR_RETURN(Shape shape, inferred_shape(ctx, 0, "set of axes"));
    return emit_reshape(ctx, x, shape);
  }
  // No axes: every dim of size 1 goes.
  if (axes->empty()) {
    for (size_t d = 0; d < in.size(); ++d) {
      if (in[d] == 1) axes->push_back(static_cast<int64_t>(d));
    }
  }
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> sorted, normalize_axes(*axes, x->type().rank()));
  Shape out;
  for (size_t d = 0; d < in.size(); ++d) {
    bool squeezed = std::binary_search(sorted.begin(), sorted.end(), static_cast<int64_t>(d));
    if (squeezed && in[d] != 1) return ctx.unsupported(fmt::format("axis {} has size {}, not 1", d, in[d]));
    if (!squeezed) out.push_back(in[d]);
  }
  return emit_reshape(ctx, x, out);
}

Status unsqueeze(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  std::optional<std::vector<int64_t>> axes = ints_param(ctx, 13, 1, "axes");
  if (!axes) {
    INGOT_ASSIGN_OR_RETURN(Shape shape, inferred_shape(ctx, 0, "set of axes"));
    return emit_reshape(ctx, x, shape);
  }
  const int64_t out_rank = x->type().rank() + static_cast<int64_t>(axes->size());
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> sorted, normalize_axes(*axes, out_rank));
  Shape out;
  auto next = x->type().shape.begin();
  for (int64_t d = 0; d < out_rank; ++d) {
    out.push_back(std::binary_search(sorted.begin(), sorted.end(), d) ? 1 : *next++);
  }
  return emit_reshape(ctx, x, out);
}

Status transpose(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  std::vector<int64_t> reversed(x->type().rank());
  std::iota(reversed.rbegin(), reversed.rend(), 0);
  return ctx.emit_final(OpKind::transpose, {x}, {{"perm", ctx.attr_ints("perm", reversed)}});
}

// Expand: the output is the broadcast of the input and the shape operand.
Status expand(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  Shape out;
  if (std::optional<std::vector<int64_t>> shape = ctx.constant_ints(1)) {
    INGOT_ASSIGN_OR_RETURN(out, ops::broadcast(x->type().shape, *shape));
  } else {
    INGOT_ASSIGN_OR_RETURN(out, inferred_shape(ctx, 0, "shape"));
  }
  return ctx.emit_final(OpKind::expand, {x}, {{"shape", out}});
}

Status concat(ConvertContext& ctx) {
  std::vector<Value*> inputs;
  for (size_t i = 0; i < ctx.num_inputs(); ++i) {
    INGOT_ASSIGN_OR_RETURN(Value* input, ctx.required_input(i));
    inputs.push_back(input);
  }
  if (inputs.empty()) return ctx.unsupported("Concat needs at least one input");
  // Concat-1 defaults to axis 1; from opset 4 the axis is required.
  INGOT_ASSIGN_OR_RETURN(int64_t axis, ops::normalize_axis(ctx.attr_int("axis", 1), inputs[0]->type().rank()));
  return ctx.emit_final(OpKind::concat, std::move(inputs), {{"axis", axis}});
}

// Split sizes: the `split` attribute (before opset 13, also an input in
// opset 1), the `split` input (opset 13), num_outputs (opset 18), equal parts
// otherwise; sizes only known at run time come from the outputs' inferred types.
Result<std::vector<int64_t>> split_sizes(const ConvertContext& ctx, int64_t dim, int64_t axis) {
  const int64_t parts = static_cast<int64_t>(ctx.num_outputs());
  if (ctx.has_attr("split")) return ctx.attr_ints("split");
  if (ctx.input(1) != nullptr) {
    if (std::optional<std::vector<int64_t>> sizes = ctx.constant_ints(1)) return *sizes;
    std::vector<int64_t> sizes;
    for (size_t i = 0; i < ctx.num_outputs(); ++i) {
      std::optional<TensorType> type = ctx.inferred_output_type(i);
      if (!type || type->rank() <= axis) {
        return Status::invalid("the split sizes are only known at run time and ONNX cannot infer every output shape");
      }
      sizes.push_back(type->shape[axis]);
    }
    return sizes;
  }
  if (parts < 1) return Status::invalid("Split needs at least one output");
  if (ctx.has_attr("num_outputs")) {
    // Equal chunks, the last one smaller when the axis does not divide.
    const int64_t chunk = (dim + parts - 1) / parts;
    const int64_t last = dim - chunk * (parts - 1);
    if (last < 0) return Status::invalid(fmt::format("axis {} of size {} does not split into {} chunks", axis, dim, parts));
    std::vector<int64_t> sizes(parts, chunk);
    sizes.back() = last;
    return sizes;
  }
  if (dim % parts != 0) return Status::invalid(fmt::format("axis {} of size {} does not split into {} equal parts", axis, dim, parts));
  return std::vector<int64_t>(parts, dim / parts);
}

Status split(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, ops::normalize_axis(ctx.attr_int("axis", 0), x->type().rank()));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> sizes, split_sizes(ctx, x->type().shape[axis], axis));
  if (sizes.size() != ctx.num_outputs()) {
    return ctx.unsupported(fmt::format("{} split sizes for {} outputs", sizes.size(), ctx.num_outputs()));
  }
  return ctx.emit_final(OpKind::split, {x}, {{"axis", axis}, {"split", sizes}});
}

// Slice bounds clamped as the ONNX spec says: [0, dim] going forward,
// [-1, dim - 1] going backward, after adding dim to negative values.
int64_t clamp_bound(int64_t value, int64_t dim, int64_t step, bool is_start) {
  if (value < 0) value += dim;
  const int64_t lo = step > 0 ? 0 : (is_start ? 0 : -1);
  const int64_t hi = step > 0 ? dim : dim - 1;
  return std::min(std::max(value, lo), hi);
}

Status slice_static(ConvertContext& ctx, Value* x, const std::vector<int64_t>& starts, const std::vector<int64_t>& ends,
                    std::vector<int64_t> axes, std::vector<int64_t> steps) {
  const int64_t rank = x->type().rank();
  const size_t n = starts.size();
  if (axes.empty()) {
    axes.resize(n);
    std::iota(axes.begin(), axes.end(), 0);
  }
  if (steps.empty()) steps.assign(n, 1);
  if (ends.size() != n || axes.size() != n || steps.size() != n) {
    return ctx.unsupported("starts, ends, axes and steps must have the same length");
  }
  // Sort the entries by axis.
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  for (int64_t& axis : axes) {
    INGOT_ASSIGN_OR_RETURN(axis, ops::normalize_axis(axis, rank));
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return axes[a] < axes[b]; });
  std::vector<int64_t> out_starts, out_ends, out_axes, out_steps;
  for (size_t i : order) {
    if (!out_axes.empty() && out_axes.back() == axes[i]) return ctx.unsupported("axes must not repeat");
    if (steps[i] == 0 || steps[i] == INT64_MIN) return ctx.unsupported("steps must be non-zero");
    const int64_t dim = x->type().shape[axes[i]];
    out_starts.push_back(clamp_bound(starts[i], dim, steps[i], true));
    out_ends.push_back(clamp_bound(ends[i], dim, steps[i], false));
    out_axes.push_back(axes[i]);
    out_steps.push_back(steps[i]);
  }
  return ctx.emit_final(OpKind::slice, {x},
                        {{"starts", out_starts}, {"ends", out_ends}, {"axes", out_axes}, {"steps", out_steps}});
}

Status slice(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  if (ctx.opset() < 10) {
    if (!ctx.has_attr("starts") || !ctx.has_attr("ends")) return ctx.unsupported("starts and ends are required");
    return slice_static(ctx, x, ctx.attr_ints("starts"), ctx.attr_ints("ends"), ctx.attr_ints("axes"), {});
  }
  INGOT_RETURN_IF_ERROR(ctx.required_input(1).status());
  INGOT_RETURN_IF_ERROR(ctx.required_input(2).status());
  auto starts = ctx.constant_ints(1), ends = ctx.constant_ints(2);
  auto axes = ctx.input(3) ? ctx.constant_ints(3) : std::vector<int64_t>{};
  auto steps = ctx.input(4) ? ctx.constant_ints(4) : std::vector<int64_t>{};
  if (starts && ends && axes && steps) return slice_static(ctx, x, *starts, *ends, *axes, *steps);
  // Run-time bounds: the node keeps the ONNX operands and takes ONNX's type.
  INGOT_RETURN_IF_ERROR(inferred_shape(ctx, 0, "slice").status());
  std::vector<Value*> inputs{x, ctx.input(1), ctx.input(2), ctx.input(3), ctx.input(4)};
  while (inputs.back() == nullptr) inputs.pop_back();
  return ctx.emit_final(OpKind::slice, std::move(inputs));
}

// Pad: attributes `paddings` (opset 1) or `pads` and `value` (opset 2-10);
// inputs pads, constant_value and axes (opset 18) after.
Status pad(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  const int64_t rank = x->type().rank();
  const std::string mode = ctx.attr_string("mode", "constant");
  if (mode != "constant" && mode != "reflect" && mode != "edge") {
    return ctx.unsupported(fmt::format("pad mode '{}' is not supported", mode));
  }
  AttrMap attrs{{"mode", mode}};
  std::vector<Value*> inputs{x, nullptr, nullptr};
  if (ctx.opset() < 11) {
    attrs["pads"] = ctx.attr_ints(ctx.opset() < 2 ? "paddings" : "pads");
    attrs["value"] = ctx.attr_float("value", 0.0);
    return ctx.emit_final(OpKind::pad, {x}, std::move(attrs));
  }
  INGOT_ASSIGN_OR_RETURN(Value* pads_input, ctx.required_input(1));
  std::optional<std::vector<int64_t>> pads = ctx.constant_ints(1);
  if (ctx.input(3) != nullptr) {
    // Pads for some axes only: spread them over every axis.
    std::optional<std::vector<int64_t>> axes = ctx.constant_ints(3);
    if (!axes || !pads) return ctx.unsupported("run-time pad axes are not supported");
    INGOT_RETURN_IF_ERROR(normalize_axes(*axes, rank).status());
    if (pads->size() != 2 * axes->size()) return ctx.unsupported("pads must have two entries per axis");
    std::vector<int64_t> full(2 * rank, 0);
    for (size_t i = 0; i < axes->size(); ++i) {
      const int64_t axis = (*axes)[i] < 0 ? (*axes)[i] + rank : (*axes)[i];
      full[axis] = (*pads)[i];
      full[axis + rank] = (*pads)[i + axes->size()];
    }
    pads = full;
  }
  if (pads) {
    attrs["pads"] = *pads;
  } else {
    INGOT_RETURN_IF_ERROR(inferred_shape(ctx, 0, "padding").status());
    inputs[1] = pads_input;
  }
  if (ctx.input(2) == nullptr) {
    attrs["value"] = 0.0;
  } else if (std::optional<std::vector<double>> value = ctx.constant_floats(2); value && value->size() == 1) {
    attrs["value"] = value->front();
  } else {
    INGOT_RETURN_IF_ERROR(inferred_shape(ctx, 0, "pad value").status());
    inputs[2] = ctx.input(2);
  }
  while (inputs.back() == nullptr) inputs.pop_back();
  return ctx.emit_final(OpKind::pad, std::move(inputs), std::move(attrs));
}

// Tile repeats: the input (opset 6), `tiles` along `axis` inputs (opset 1),
// or, known only at run time, the ratio of the inferred output shape to the
// input's (any repeat count fits an empty axis).
Result<std::vector<int64_t>> tile_repeats(const ConvertContext& ctx, const Shape& in) {
  const int64_t rank = static_cast<int64_t>(in.size());
  if (ctx.opset() < 6) {
    auto tiles = ctx.constant_ints(1), axis = ctx.constant_ints(2);
    if (!tiles || !axis || tiles->size() != 1 || axis->size() != 1) {
      return Status::invalid("run-time tiles or axis inputs are not supported");
    }
    INGOT_ASSIGN_OR_RETURN(int64_t a, ops::normalize_axis(axis->front(), rank));
    std::vector<int64_t> repeats(rank, 1);
    repeats[a] = tiles->front();
    return repeats;
  }
  if (std::optional<std::vector<int64_t>> repeats = ctx.constant_ints(1)) return *repeats;
  INGOT_ASSIGN_OR_RETURN(Shape out, inferred_shape(ctx, 0, "repeat count"));
  if (out.size() != in.size()) return Status::invalid("the inferred output rank differs from the input's");
  std::vector<int64_t> repeats(rank, 1);
  for (int64_t d = 0; d < rank; ++d) {
    if (in[d] == 0) continue;
    if (out[d] % in[d] != 0) return Status::invalid("the inferred output shape is not a multiple of the input's");
    repeats[d] = out[d] / in[d];
  }
  return repeats;
}

Status tile(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> repeats, tile_repeats(ctx, x->type().shape));
  return ctx.emit_final(OpKind::tile, {x}, {{"repeats", repeats}});
}

Status depth_to_space(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  return ctx.emit_final(OpKind::depth_to_space, {x},
                        {{"blocksize", ctx.attr_int("blocksize", 0)}, {"mode", ctx.attr_string("mode", "DCR")}});
}

Status space_to_depth(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  return ctx.emit_final(OpKind::space_to_depth, {x}, {{"blocksize", ctx.attr_int("blocksize", 0)}});
}

}  // namespace

std::vector<ConverterEntry> layout_converters() {
  using K = OpKind;
  return {
      {"Reshape", reshape, {K::reshape}},
      {"Flatten", flatten, {K::reshape}},
      {"Squeeze", squeeze, {K::reshape}},
      {"Unsqueeze", unsqueeze, {K::reshape}},
      {"Transpose", transpose, {K::transpose}},
      {"Expand", expand, {K::expand}},
      {"Concat", concat, {K::concat}},
      {"Split", split, {K::split}},
      {"Slice", slice, {K::slice}},
      {"Pad", pad, {K::pad}},
      {"Tile", tile, {K::tile}},
      {"DepthToSpace", depth_to_space, {K::depth_to_space}},
      {"SpaceToDepth", space_to_depth, {K::space_to_depth}},
  };
}

}  // namespace ingot::onnx_import
