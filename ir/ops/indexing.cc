// Indexing: gathers and scatters, one_hot, top_k, cumsum, trilu and range.
//
// Axes are attributes already normalised into [0, rank). Negative entries in
// index tensors are run-time data: the kernels wrap them by adding the size
// of the indexed axis, as ONNX does. Parameters that a model may compute at
// run time (top_k's k, one_hot's depth, cumsum's axis, trilu's k) are either
// an attribute or an optional operand, never both; with the operand, a rule
// whose output shape depends on it keeps the declared output types.
#include <algorithm>
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "ir/ops/families.h"
#include "ir/ops/shape_util.h"

namespace ingot::ops {
namespace {

// A normalised axis attribute: present and in [0, rank).
Result<int64_t> axis_attr(const Node& node, std::string_view name, int64_t rank) {
  int64_t axis = node.attr_i(name, -1);
  if (axis < 0 || axis >= rank) {
    return Status::invalid(fmt::format("{} {} must be in [0, {})", name, axis, rank));
  }
  return axis;
}

Status check_index_dtype(const TensorType& type, std::string_view what) {
  if (type.dtype != DType::i32 && type.dtype != DType::i64) {
    return Status::invalid(fmt::format("{} must be i32 or i64, not {}", what, dtype_name(type.dtype)));
  }
  return {};
}

// A parameter that is an attribute or an operand: exactly one of the two.
// Returns true when it is the operand.
Result<bool> attr_or_operand(const Node& node, std::string_view attr, size_t operand) {
  bool has_attr = node.has_attr(attr);
  bool has_operand = node.input(operand) != nullptr;
  if (has_attr == has_operand) {
    return Status::invalid(fmt::format("{} must be given either as an attribute or as an operand, not {}", attr,
                                       has_attr ? "both" : "neither"));
  }
  return has_operand;
}

// A run-time scalar parameter: one element (rank 0 or 1).
Status check_scalar_operand(const Node& node, size_t operand, std::string_view what, bool integer) {
  const TensorType& type = input_type(node, operand);
  if (type.rank() > 1 || num_elements(type.shape) != 1) {
    return Status::invalid(fmt::format("{} must hold one element, not [{}]", what, shape_to_string(type.shape)));
  }
  if (integer) return check_index_dtype(type, what);
  if (type.dtype == DType::boolean) return Status::invalid(fmt::format("{} must be numeric", what));
  return {};
}

// The declared output 0 must be `expected` except on dim `free_dim`, which
// the run-time parameter decides (at most `max_dim` when max_dim >= 0).
Result<TensorType> declared_with_free_dim(const Node& node, const TensorType& expected, int64_t free_dim,
                                          int64_t max_dim) {
  INGOT_ASSIGN_OR_RETURN(std::vector<TensorType> declared, declared_outputs(node));
  if (declared.empty()) return Status::invalid("a run-time parameter needs a declared output type");
  const TensorType& out = declared[0];
  bool same = out.dtype == expected.dtype && out.rank() == expected.rank();
  for (int64_t d = 0; same && d < out.rank(); ++d) {
    same = d == free_dim ? (max_dim < 0 || out.shape[d] <= max_dim) : out.shape[d] == expected.shape[d];
  }
  if (!same) {
    return Status::invalid(fmt::format("declared output {} does not fit the operands", type_to_string(out)));
  }
  return out;
}

Types gather_rule(const Node& node) {
  const TensorType& data = input_type(node, 0);
  const TensorType& indices = input_type(node, 1);
  INGOT_RETURN_IF_ERROR(check_index_dtype(indices, "indices"));
  if (data.rank() < 1) return Status::invalid("data must have rank 1 or more");
  INGOT_ASSIGN_OR_RETURN(int64_t axis, axis_attr(node, "axis", data.rank()));
  Shape shape(data.shape.begin(), data.shape.begin() + axis);
  shape.insert(shape.end(), indices.shape.begin(), indices.shape.end());
  shape.insert(shape.end(), data.shape.begin() + axis + 1, data.shape.end());
  return std::vector<TensorType>{{data.dtype, shape}};
}

Types gather_elements_rule(const Node& node) {
  const TensorType& data = input_type(node, 0);
  const TensorType& indices = input_type(node, 1);
  INGOT_RETURN_IF_ERROR(check_index_dtype(indices, "indices"));
  if (data.rank() < 1 || indices.rank() != data.rank()) {
    return Status::invalid(fmt::format("indices must have the rank of data ({}), not {}", data.rank(), indices.rank()));
  }
  INGOT_RETURN_IF_ERROR(axis_attr(node, "axis", data.rank()).status());
  return std::vector<TensorType>{{data.dtype, indices.shape}};
}

// Output: indices.shape[:-1] + data.shape[batch_dims + m:], where m is the
// length of one index tuple (indices' last dim).
Types gather_nd_rule(const Node& node) {
  const TensorType& data = input_type(node, 0);
  const TensorType& indices = input_type(node, 1);
  INGOT_RETURN_IF_ERROR(check_index_dtype(indices, "indices"));
  int64_t batch = node.attr_i("batch_dims");
  if (data.rank() < 1 || indices.rank() < 1) return Status::invalid("data and indices must have rank 1 or more");
  if (batch < 0 || batch >= std::min(data.rank(), indices.rank())) {
    return Status::invalid(fmt::format("batch_dims {} must be below the ranks of data and indices", batch));
  }
  for (int64_t d = 0; d < batch; ++d) {
    if (data.shape[d] != indices.shape[d]) return Status::invalid("data and indices differ in a batch dim");
  }
  int64_t m = indices.shape.back();
  if (m < 1 || m > data.rank() - batch) {
    return Status::invalid(fmt::format("index tuples of length {} do not fit data of rank {} with {} batch dims", m,
                                       data.rank(), batch));
  }
  Shape shape(indices.shape.begin(), indices.shape.end() - 1);
  shape.insert(shape.end(), data.shape.begin() + batch + m, data.shape.end());
  return std::vector<TensorType>{{data.dtype, shape}};
}

Status check_reduction(const Node& node) {
  std::string reduction = node.attr_s("reduction");
  if (reduction != "none" && reduction != "add" && reduction != "mul") {
    return Status::invalid(fmt::format("reduction '{}' must be none, add or mul", reduction));
  }
  return {};
}

Status check_updates_dtype(const Node& node) {
  if (input_type(node, 2).dtype != input_type(node, 0).dtype) return Status::invalid("updates must have data's dtype");
  return check_index_dtype(input_type(node, 1), "indices");
}

Types scatter_elements_rule(const Node& node) {
  const TensorType& data = input_type(node, 0);
  INGOT_RETURN_IF_ERROR(check_updates_dtype(node));
  INGOT_RETURN_IF_ERROR(check_reduction(node));
  if (input_type(node, 1).shape != input_type(node, 2).shape) {
    return Status::invalid("indices and updates must have one shape");
  }
  if (data.rank() < 1 || input_type(node, 1).rank() != data.rank()) {
    return Status::invalid("indices must have the rank of data");
  }
  INGOT_RETURN_IF_ERROR(axis_attr(node, "axis", data.rank()).status());
  return std::vector<TensorType>{{data.dtype, data.shape}};
}

// updates.shape must be indices.shape[:-1] + data.shape[m:].
Types scatter_nd_rule(const Node& node) {
  const TensorType& data = input_type(node, 0);
  const TensorType& indices = input_type(node, 1);
  INGOT_RETURN_IF_ERROR(check_updates_dtype(node));
  INGOT_RETURN_IF_ERROR(check_reduction(node));
  if (data.rank() < 1 || indices.rank() < 1) return Status::invalid("data and indices must have rank 1 or more");
  int64_t m = indices.shape.back();
  if (m < 1 || m > data.rank()) {
    return Status::invalid(fmt::format("index tuples of length {} do not fit data of rank {}", m, data.rank()));
  }
  Shape updates(indices.shape.begin(), indices.shape.end() - 1);
  updates.insert(updates.end(), data.shape.begin() + m, data.shape.end());
  if (input_type(node, 2).shape != updates) {
    return Status::invalid(fmt::format("updates must have shape [{}], not [{}]", shape_to_string(updates),
                                       shape_to_string(input_type(node, 2).shape)));
  }
  return std::vector<TensorType>{{data.dtype, data.shape}};
}

// Operands: indices, values ([off, on]), depth (run-time form).
Types one_hot_rule(const Node& node) {
  const TensorType& indices = input_type(node, 0);
  const TensorType& values = input_type(node, 1);
  if (indices.dtype == DType::boolean) return Status::invalid("indices must be numeric");
  if (values.shape != Shape{2}) return Status::invalid("values must be [off, on], of shape [2]");
  INGOT_ASSIGN_OR_RETURN(int64_t axis, axis_attr(node, "axis", indices.rank() + 1));
  INGOT_ASSIGN_OR_RETURN(bool runtime_depth, attr_or_operand(node, "depth", 2));
  Shape shape = indices.shape;
  shape.insert(shape.begin() + axis, runtime_depth ? 0 : node.attr_i("depth"));
  if (!runtime_depth) {
    if (shape[axis] < 1) return Status::invalid(fmt::format("depth {} must be positive", shape[axis]));
    return std::vector<TensorType>{{values.dtype, shape}};
  }
  INGOT_RETURN_IF_ERROR(check_scalar_operand(node, 2, "depth", false));
  INGOT_ASSIGN_OR_RETURN(TensorType out, declared_with_free_dim(node, {values.dtype, shape}, axis, -1));
  return std::vector<TensorType>{out};
}

// Two outputs: the values and their i64 indices along `axis`.
Types top_k_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  if (x.rank() < 1) return Status::invalid("the operand must have rank 1 or more");
  INGOT_ASSIGN_OR_RETURN(int64_t axis, axis_attr(node, "axis", x.rank()));
  INGOT_ASSIGN_OR_RETURN(bool runtime_k, attr_or_operand(node, "k", 1));
  TensorType values = x;
  if (runtime_k) {
    INGOT_RETURN_IF_ERROR(check_scalar_operand(node, 1, "k", true));
    INGOT_ASSIGN_OR_RETURN(values, declared_with_free_dim(node, x, axis, x.shape[axis]));
  } else {
    int64_t k = node.attr_i("k");
    if (k < 0 || k > x.shape[axis]) {
      return Status::invalid(fmt::format("k {} must be in [0, {}], the size of axis {}", k, x.shape[axis], axis));
    }
    values.shape[axis] = k;
  }
  return std::vector<TensorType>{values, {DType::i64, values.shape}};
}

// The output type never depends on the run-time axis; only its form is checked.
Types cumsum_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  if (x.rank() < 1) return Status::invalid("the operand must have rank 1 or more");
  if (x.dtype == DType::boolean) return Status::invalid("the operand must be numeric");
  INGOT_ASSIGN_OR_RETURN(bool runtime_axis, attr_or_operand(node, "axis", 1));
  if (runtime_axis) {
    INGOT_RETURN_IF_ERROR(check_scalar_operand(node, 1, "axis", true));
  } else {
    INGOT_RETURN_IF_ERROR(axis_attr(node, "axis", x.rank()).status());
  }
  return std::vector<TensorType>{{x.dtype, x.shape}};
}

Types trilu_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  if (x.rank() < 2) return Status::invalid("the operand must have rank 2 or more");
  INGOT_ASSIGN_OR_RETURN(bool runtime_k, attr_or_operand(node, "k", 1));
  if (runtime_k) INGOT_RETURN_IF_ERROR(check_scalar_operand(node, 1, "k", true));
  return std::vector<TensorType>{{x.dtype, x.shape}};
}

// A constant scalar operand as a double, or nullopt.
std::optional<double> constant_scalar(const Value* value) {
  if (!value->is_constant() || num_elements(value->type().shape) != 1) return std::nullopt;
  const uint8_t* data = value->constant()->data();
  auto load = [data](auto typed) {
    std::memcpy(&typed, data, sizeof(typed));
    return static_cast<double>(typed);
  };
  switch (value->type().dtype) {
    case DType::f32: return load(float{});
    case DType::f64: return load(double{});
    case DType::i16: return load(int16_t{});
    case DType::i32: return load(int32_t{});
    case DType::i64: return load(int64_t{});
    default: return std::nullopt;
  }
}

// start, limit, delta: scalars of one dtype. The length is
// max(ceil((limit - start) / delta), 0): computed when all three are
// constant, else the declared output's.
Types range_rule(const Node& node) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, common_dtype(node));
  if (dtype != DType::f32 && dtype != DType::f64 && dtype != DType::i16 && dtype != DType::i32 && dtype != DType::i64) {
    return Status::invalid(fmt::format("range does not take {} operands", dtype_name(dtype)));
  }
  for (size_t i = 0; i < 3; ++i) {
    if (input_type(node, i).rank() != 0) return Status::invalid("start, limit and delta must be scalars");
  }
  auto start = constant_scalar(node.input(0));
  auto limit = constant_scalar(node.input(1));
  auto delta = constant_scalar(node.input(2));
  if (start && limit && delta) {
    if (*delta == 0) return Status::invalid("delta must not be zero");
    // As ONNX's inference: f32 operands subtract in f32, then divide in f64.
    double span = dtype == DType::f32 ? static_cast<float>(*limit) - static_cast<float>(*start) : *limit - *start;
    double length = std::max(std::ceil(span / *delta), 0.0);
    if (!(length <= static_cast<double>(kMaxElements))) return Status::invalid("the range is too long");
    return std::vector<TensorType>{{dtype, {static_cast<int64_t>(length)}}};
  }
  INGOT_ASSIGN_OR_RETURN(std::vector<TensorType> declared, declared_outputs(node));
  if (declared.empty() || declared[0].dtype != dtype || declared[0].rank() != 1) {
    return Status::invalid(fmt::format("a run-time range needs a declared 1-d {} output", dtype_name(dtype)));
  }
  return std::vector<TensorType>{declared[0]};
}

constexpr AttrSpec kAxis{"axis", AttrType::i64, true};
constexpr AttrSpec kReduction{"reduction", AttrType::str, true};

}  // namespace

std::vector<OpInfo> indexing_ops() {
  return {
      {OpKind::gather, {{"data"}, {"indices"}}, {kAxis}, 1, gather_rule,
       "picks slices of data along axis; negative indices wrap"},
      {OpKind::gather_elements, {{"data"}, {"indices"}}, {kAxis}, 1, gather_elements_rule,
       "out[i][j] = data[i][indices[i][j]] along axis; negative indices wrap"},
      {OpKind::gather_nd, {{"data"}, {"indices"}}, {{"batch_dims", AttrType::i64, true}}, 1, gather_nd_rule,
       "picks slices of data by index tuples (indices' last dim); negative indices wrap"},
      {OpKind::scatter_elements, {{"data"}, {"indices"}, {"updates"}}, {kAxis, kReduction}, 1, scatter_elements_rule,
       "copy of data with updates written (or added, multiplied) at indices along axis"},
      {OpKind::scatter_nd, {{"data"}, {"indices"}, {"updates"}}, {kReduction}, 1, scatter_nd_rule,
       "copy of data with update slices written (or added, multiplied) at index tuples"},
      {OpKind::one_hot, {{"indices"}, {"values"}, {"depth", true}}, {kAxis, {"depth", AttrType::i64}}, 1, one_hot_rule,
       "values[1] where the index along the new axis matches, else values[0]; negative indices wrap by depth"},
      {OpKind::top_k, {{"x"}, {"k", true}},
       {kAxis, {"largest", AttrType::i64, true}, {"sorted", AttrType::i64, true}, {"k", AttrType::i64}}, 2, top_k_rule,
       "the k largest (or smallest) values along axis and their i64 indices"},
      {OpKind::cumsum, {{"x"}, {"axis", true}},
       {{"axis", AttrType::i64}, {"exclusive", AttrType::i64, true}, {"reverse", AttrType::i64, true}}, 1, cumsum_rule,
       "running sum along axis, optionally exclusive or from the end"},
      {OpKind::trilu, {{"x"}, {"k", true}}, {{"upper", AttrType::i64, true}, {"k", AttrType::i64}}, 1, trilu_rule,
       "keeps the upper (or lower) triangle of the last two dims from diagonal k, zeroes the rest"},
      {OpKind::range, {{"start"}, {"limit"}, {"delta"}}, {}, 1, range_rule,
       "start, start + delta, ... up to but excluding limit"},
  };
}

}  // namespace ingot::ops
