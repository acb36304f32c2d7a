// Layout ops: they move or replicate data and do no arithmetic.
//
// Parameters are attributes with everything resolved (final shapes, explicit
// axes, clamped slice bounds). Only slice and pad keep a data-dependent form,
// where run-time tensors give the parameters and the output type is the one
// the source model declares; the other ops only need their final output
// shape, which is always known.
#include <algorithm>
#include <cstdint>
#include <optional>

#include <fmt/format.h>

#include "ir/ops/families.h"
#include "ir/ops/shape_util.h"

namespace ingot::ops {
namespace {

// Moving data keeps per-tensor quantization; per-channel parameters would
// need their axis remapped, so they are dropped (the quantize pass sets them).
std::optional<Quantization> moved_quant(const TensorType& x) {
  if (x.quant && x.quant->scale.size() == 1) return x.quant;
  return std::nullopt;
}

// One output like x (dtype, per-tensor quantization) with a new shape.
Types like(const TensorType& x, Shape shape) {
  return std::vector<TensorType>{TensorType{x.dtype, std::move(shape), moved_quant(x)}};
}

Types copy_rule(const Node& node) { return std::vector<TensorType>{input_type(node, 0)}; }

Status check_dims(const Shape& shape, std::string_view what) {
  for (int64_t dim : shape) {
    if (dim < 0) return Status::invalid(fmt::format("{} [{}] has a negative dim", what, shape_to_string(shape)));
  }
  return checked_num_elements(shape).status();
}

Types reshape_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  Shape shape = node.attr_ints("shape");
  INGOT_RETURN_IF_ERROR(check_dims(shape, "shape"));
  if (num_elements(shape) != num_elements(x.shape)) {
    return Status::invalid(fmt::format("cannot reshape [{}] ({} elements) to [{}] ({} elements)", shape_to_string(x.shape),
                                       num_elements(x.shape), shape_to_string(shape), num_elements(shape)));
  }
  return like(x, shape);
}

Types transpose_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  std::vector<int64_t> perm = node.attr_ints("perm");
  if (static_cast<int64_t>(perm.size()) != x.rank()) {
    return Status::invalid(fmt::format("perm has {} entries, the operand has rank {}", perm.size(), x.rank()));
  }
  std::vector<bool> seen(perm.size(), false);
  Shape out;
  for (int64_t p : perm) {
    if (p < 0 || p >= x.rank() || seen[p]) return Status::invalid("perm must be a permutation of [0, rank)");
    seen[p] = true;
    out.push_back(x.shape[p]);
  }
  return like(x, out);
}

Types expand_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  Shape shape = node.attr_ints("shape");
  INGOT_RETURN_IF_ERROR(check_dims(shape, "shape"));
  Result<Shape> out = broadcast(x.shape, shape);
  if (!out.ok() || *out != shape) {
    return Status::invalid(fmt::format("[{}] does not broadcast to [{}]", shape_to_string(x.shape), shape_to_string(shape)));
  }
  return like(x, shape);
}

Types concat_rule(const Node& node) {
  INGOT_RETURN_IF_ERROR(common_dtype(node).status());
  const TensorType& first = input_type(node, 0);
  bool same_quant = true;
  int64_t axis = node.attr_i("axis");
  if (axis < 0 || axis >= first.rank()) {
    return Status::invalid(fmt::format("axis {} is out of range for rank {}", axis, first.rank()));
  }
  Shape out = first.shape;
  for (size_t i = 1; i < node.inputs().size(); ++i) {
    const Shape& shape = input_type(node, i).shape;
    bool fits = shape.size() == out.size();
    for (size_t d = 0; fits && d < shape.size(); ++d) fits = static_cast<int64_t>(d) == axis || shape[d] == out[d];
    if (!fits) {
      return Status::invalid(fmt::format("operand {} [{}] does not match [{}] outside axis {}", i, shape_to_string(shape),
                                         shape_to_string(first.shape), axis));
    }
    out[axis] += shape[axis];
    same_quant = same_quant && input_type(node, i).quant == first.quant;
  }
  // The operands' shared quantization carries over; mixed ones do not.
  if (!same_quant) return std::vector<TensorType>{TensorType{first.dtype, out, std::nullopt}};
  return like(first, out);
}

Types split_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  int64_t axis = node.attr_i("axis");
  if (axis < 0 || axis >= x.rank()) return Status::invalid(fmt::format("axis {} is out of range for rank {}", axis, x.rank()));
  std::vector<int64_t> sizes = node.attr_ints("split");
  if (sizes.empty()) return Status::invalid("split needs at least one size");
  int64_t total = 0;
  std::vector<TensorType> out;
  for (int64_t size : sizes) {
    if (size < 0 || size > x.shape[axis]) return Status::invalid(fmt::format("split size {} is out of range", size));
    total += size;
    Shape shape = x.shape;
    shape[axis] = size;
    out.push_back({x.dtype, shape, moved_quant(x)});
  }
  if (total != x.shape[axis]) {
    return Status::invalid(fmt::format("split sizes add up to {}, axis {} has {}", total, axis, x.shape[axis]));
  }
  return out;
}

// Data-dependent forms: 1-D integer parameter operands; the declared output
// keeps the operand's dtype and rank.
Status check_param_operand(const Node& node, size_t index, std::string_view what, int64_t length = -1) {
  const Value* param = node.input(index);
  if (param == nullptr) return {};
  const TensorType& type = param->type();
  if (!is_integer(type.dtype) || type.rank() != 1) return Status::invalid(fmt::format("{} must be a 1-D integer tensor", what));
  if (length >= 0 && type.shape[0] != length) {
    return Status::invalid(fmt::format("{} must have {} entries, not {}", what, length, type.shape[0]));
  }
  return {};
}

Types declared_like_input(const Node& node) {
  INGOT_ASSIGN_OR_RETURN(std::vector<TensorType> declared, declared_outputs(node));
  const TensorType& x = input_type(node, 0);
  if (declared.size() != 1 || declared[0].dtype != x.dtype || declared[0].rank() != x.rank()) {
    return Status::invalid(fmt::format("the declared output must be one {} tensor of rank {}", dtype_name(x.dtype), x.rank()));
  }
  return declared;
}

// For a > 0, b > 0; never overflows.
int64_t ceil_div(int64_t a, int64_t b) { return (a - 1) / b + 1; }

// Number of elements a clamped slice picks along one axis.
Result<int64_t> slice_count(int64_t dim, int64_t start, int64_t end, int64_t step) {
  if (step == 0 || step == INT64_MIN) return Status::invalid("slice steps must be non-zero and above INT64_MIN");
  // Clamped bounds: [0, dim] going forward, [-1, dim - 1] going backward.
  int64_t lo = step > 0 ? 0 : -1;
  int64_t hi = step > 0 ? dim : dim - 1;
  if (start < lo || start > hi || end < lo || end > hi) {
    return Status::invalid(fmt::format("slice bounds {}:{} (step {}) are not clamped to [{}, {}]", start, end, step, lo, hi));
  }
  if (step > 0) return end > start ? ceil_div(end - start, step) : 0;
  return start > end ? ceil_div(start - end, -step) : 0;
}

Types slice_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  const int num_attrs = node.has_attr("starts") + node.has_attr("ends") + node.has_attr("axes") + node.has_attr("steps");
  const bool has_operands = node.inputs().size() > 1;
  if (has_operands) {
    if (num_attrs != 0) return Status::invalid("a slice takes its parameters either as attributes or as operands");
    if (node.input(1) == nullptr || node.input(2) == nullptr) return Status::invalid("starts and ends operands are required");
    int64_t length = node.input(1)->type().rank() == 1 ? node.input(1)->type().shape[0] : -1;
    INGOT_RETURN_IF_ERROR(check_param_operand(node, 1, "starts"));
    INGOT_RETURN_IF_ERROR(check_param_operand(node, 2, "ends", length));
    INGOT_RETURN_IF_ERROR(check_param_operand(node, 3, "axes", length));
    INGOT_RETURN_IF_ERROR(check_param_operand(node, 4, "steps", length));
    return declared_like_input(node);
  }
  if (num_attrs != 4) return Status::invalid("starts, ends, axes and steps attributes are required");
  std::vector<int64_t> starts = node.attr_ints("starts"), ends = node.attr_ints("ends");
  std::vector<int64_t> axes = node.attr_ints("axes"), steps = node.attr_ints("steps");
  if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size()) {
    return Status::invalid("starts, ends, axes and steps must have the same length");
  }
  Shape out = x.shape;
  for (size_t i = 0; i < axes.size(); ++i) {
    if (axes[i] < 0 || axes[i] >= x.rank()) return Status::invalid(fmt::format("axis {} is out of range for rank {}", axes[i], x.rank()));
    if (i > 0 && axes[i] <= axes[i - 1]) return Status::invalid("axes must be sorted and unique");
    INGOT_ASSIGN_OR_RETURN(out[axes[i]], slice_count(x.shape[axes[i]], starts[i], ends[i], steps[i]));
  }
  return like(x, out);
}

Status check_pad_value(const Node& node) {
  const Value* value = node.input(2);
  if ((value != nullptr) == node.has_attr("value")) {
    return Status::invalid("exactly one of the value attribute and the value operand must be given");
  }
  if (value != nullptr && (value->type().dtype != input_type(node, 0).dtype || num_elements(value->type().shape) != 1)) {
    return Status::invalid("the value operand must be one element of x's dtype");
  }
  return {};
}

Types pad_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  std::string mode = node.attr_s("mode");
  if (mode != "constant" && mode != "reflect" && mode != "edge") {
    return Status::invalid(fmt::format("unknown pad mode '{}' (constant, reflect or edge)", mode));
  }
  INGOT_RETURN_IF_ERROR(check_pad_value(node));
  if ((node.input(1) != nullptr) == node.has_attr("pads")) {
    return Status::invalid("exactly one of the pads attribute and the pads operand must be given");
  }
  if (node.input(1) != nullptr) {
    INGOT_RETURN_IF_ERROR(check_param_operand(node, 1, "pads", 2 * x.rank()));
    return declared_like_input(node);
  }
  std::vector<int64_t> pads = node.attr_ints("pads");
  if (static_cast<int64_t>(pads.size()) != 2 * x.rank()) {
    return Status::invalid(fmt::format("pads must have 2 * rank = {} entries, not {}", 2 * x.rank(), pads.size()));
  }
  Shape out = x.shape;
  for (int64_t d = 0; d < x.rank(); ++d) {
    int64_t begin = pads[d], end = pads[d + x.rank()];
    out[d] = x.shape[d] + begin + end;  // pads may be negative (crop)
    if (out[d] < 0) return Status::invalid(fmt::format("pads {} and {} crop axis {} below zero", begin, end, d));
    if (mode != "constant" && x.shape[d] == 0 && out[d] != 0) {
      return Status::invalid(fmt::format("{} padding cannot grow the empty axis {}", mode, d));
    }
  }
  INGOT_RETURN_IF_ERROR(checked_num_elements(out).status());
  return like(x, out);
}

Types tile_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  std::vector<int64_t> repeats = node.attr_ints("repeats");
  if (static_cast<int64_t>(repeats.size()) != x.rank()) {
    return Status::invalid(fmt::format("repeats has {} entries, the operand has rank {}", repeats.size(), x.rank()));
  }
  Shape out = x.shape;
  for (size_t d = 0; d < out.size(); ++d) {
    if (repeats[d] < 0) return Status::invalid("repeats must be non-negative");
    if (out[d] != 0 && repeats[d] > kMaxElements / out[d]) return Status::invalid("the tiled tensor is too large");
    out[d] *= repeats[d];
  }
  INGOT_RETURN_IF_ERROR(checked_num_elements(out).status());
  return like(x, out);
}

Result<int64_t> blocksize_of(const Node& node, const TensorType& x) {
  if (x.rank() != 4) return Status::invalid("the operand must have rank 4 (N, C, H, W)");
  int64_t block = node.attr_i("blocksize");
  if (block < 1) return Status::invalid("blocksize must be positive");
  if (block > (int64_t{1} << 20)) return Status::invalid("blocksize is too large");
  return block;
}

Types depth_to_space_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  INGOT_ASSIGN_OR_RETURN(int64_t b, blocksize_of(node, x));
  std::string mode = node.attr_s("mode");
  if (mode != "DCR" && mode != "CRD") return Status::invalid(fmt::format("mode must be DCR or CRD, not '{}'", mode));
  if (x.shape[1] % (b * b) != 0) {
    return Status::invalid(fmt::format("channels {} are not a multiple of blocksize^2 = {}", x.shape[1], b * b));
  }
  Shape out{x.shape[0], x.shape[1] / (b * b), x.shape[2] * b, x.shape[3] * b};
  INGOT_RETURN_IF_ERROR(checked_num_elements(out).status());
  return like(x, out);
}

Types space_to_depth_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  INGOT_ASSIGN_OR_RETURN(int64_t b, blocksize_of(node, x));
  if (x.shape[2] % b != 0 || x.shape[3] % b != 0) {
    return Status::invalid(fmt::format("height {} and width {} must be multiples of blocksize {}", x.shape[2], x.shape[3], b));
  }
  return like(x, {x.shape[0], x.shape[1] * b * b, x.shape[2] / b, x.shape[3] / b});
}

OpInfo unary_layout(OpKind kind, std::vector<AttrSpec> attrs, ShapeRule rule, std::string_view summary) {
  return {kind, {{"x"}}, std::move(attrs), 1, rule, summary};
}

}  // namespace

std::vector<OpInfo> layout_ops() {
  return {
      unary_layout(OpKind::copy, {}, copy_rule, "the operand, copied"),
      unary_layout(OpKind::reshape, {{"shape", AttrType::i64s, true}}, reshape_rule,
                   "same elements in row-major order, new static shape"),
      unary_layout(OpKind::transpose, {{"perm", AttrType::i64s, true}}, transpose_rule,
                   "output axis i is operand axis perm[i]"),
      unary_layout(OpKind::expand, {{"shape", AttrType::i64s, true}}, expand_rule,
                   "broadcast to `shape` (the final output shape)"),
      {OpKind::concat, {{"inputs", false, true}}, {{"axis", AttrType::i64, true}}, 1, concat_rule,
       "join the operands along axis"},
      {OpKind::split, {{"x"}}, {{"axis", AttrType::i64, true}, {"split", AttrType::i64s, true}}, -1, split_rule,
       "cut along axis into pieces of the given sizes, one output each"},
      {OpKind::slice,
       {{"x"}, {"starts", true}, {"ends", true}, {"axes", true}, {"steps", true}},
       {{"starts", AttrType::i64s}, {"ends", AttrType::i64s}, {"axes", AttrType::i64s}, {"steps", AttrType::i64s}},
       1,
       slice_rule,
       "strided slice; attribute bounds are clamped, operands follow ONNX Slice"},
      {OpKind::pad,
       {{"x"}, {"pads", true}, {"value", true}},
       {{"pads", AttrType::i64s}, {"mode", AttrType::str, true}, {"value", AttrType::f64}},
       1,
       pad_rule,
       "pad (or crop, when negative) by [begin..., end...]; mode constant, reflect or edge"},
      unary_layout(OpKind::tile, {{"repeats", AttrType::i64s, true}}, tile_rule, "repeat the operand repeats[d] times along each axis d"),
      unary_layout(OpKind::depth_to_space, {{"blocksize", AttrType::i64, true}, {"mode", AttrType::str, true}},
                   depth_to_space_rule, "NCHW: move channel blocks into blocksize x blocksize spatial tiles (DCR or CRD order)"),
      unary_layout(OpKind::space_to_depth, {{"blocksize", AttrType::i64, true}}, space_to_depth_rule,
                   "NCHW: move blocksize x blocksize spatial tiles into channels"),
  };
}

}  // namespace ingot::ops
