// ONNX indexing ops: Gather*, Scatter*, OneHot, TopK, CumSum, Trilu, Range.
// Axes are normalised here. Parameters that ONNX passes as tensors (TopK's k,
// OneHot's depth, CumSum's axis, Trilu's k) become attributes when they are
// known at compile time, else stay operands of the core op.
#include <cmath>
#include <cstring>
#include <type_traits>

#include <fmt/format.h>

#include "importers/onnx/converters.h"
#include "importers/onnx/map_shape.h"
#include "ir/ops/shape_util.h"

namespace ingot::onnx_import {
namespace {

// An ONNX axis attribute (or value) normalised into [0, rank).
Result<int64_t> axis_of(ConvertContext& ctx, int64_t axis, int64_t rank) {
  Result<int64_t> normalized = ops::normalize_axis(axis, rank);
  if (!normalized.ok()) return ctx.unsupported(normalized.status().message());
  return normalized;
}

// A one-element integer operand known at compile time (see known_ints), or nullopt.
std::optional<int64_t> constant_scalar_int(ConvertContext& ctx, size_t i) {
  std::optional<std::vector<int64_t>> values = known_ints(ctx, i);
  if (!values || values->size() != 1) return std::nullopt;
  return values->front();
}

// A run-time parameter keeps the declared output type, so ONNX must know it.
Status need_inferred_output(ConvertContext& ctx, const char* what) {
  if (ctx.inferred_output_type(0)) return {};
  return ctx.unsupported(fmt::format("{} is only known at run time and ONNX cannot infer the output shape", what));
}

// Gather on a constant 1-d i64 tensor with constant indices (a dim picked out
// of a folded Shape) folds, so that later converters can read the result.
std::optional<Value*> fold_gather(ConvertContext& ctx, Value* data, Value* indices) {
  if (data->type().dtype != DType::i64 || data->type().rank() != 1) return std::nullopt;
  auto values = known_ints(ctx, 0);
  auto picks = known_ints(ctx, 1);
  if (!values || !picks || static_cast<int64_t>(picks->size()) != num_elements(indices->type().shape)) {
    return std::nullopt;
  }
  auto size = static_cast<int64_t>(values->size());
  std::vector<int64_t> out;
  for (int64_t index : *picks) {
    if (index < -size || index >= size) return std::nullopt;  // not folded: the gather node keeps it
    out.push_back((*values)[static_cast<size_t>(index < 0 ? index + size : index)]);
  }
  return ctx.constant_i64(out, indices->type().shape);
}

Status gather(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* data, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* indices, ctx.required_input(1));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, axis_of(ctx, ctx.attr_int("axis", 0), data->type().rank()));
  if (auto folded = fold_gather(ctx, data, indices)) return ctx.bind_output(0, *folded);
  return ctx.emit_final(OpKind::gather, {data, indices}, {{"axis", axis}});
}

Status gather_elements(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* data, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* indices, ctx.required_input(1));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, axis_of(ctx, ctx.attr_int("axis", 0), data->type().rank()));
  return ctx.emit_final(OpKind::gather_elements, {data, indices}, {{"axis", axis}});
}

Status gather_nd(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* data, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* indices, ctx.required_input(1));
  return ctx.emit_final(OpKind::gather_nd, {data, indices}, {{"batch_dims", ctx.attr_int("batch_dims", 0)}});
}

// Scatter (opsets 9-10) is ScatterElements without reduction.
Status scatter_elements(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* data, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* indices, ctx.required_input(1));
  INGOT_ASSIGN_OR_RETURN(Value* updates, ctx.required_input(2));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, axis_of(ctx, ctx.attr_int("axis", 0), data->type().rank()));
  std::string reduction = ctx.attr_string("reduction", "none");
  if (reduction != "none" && reduction != "add" && reduction != "mul") {
    return ctx.unsupported(fmt::format("reduction '{}' is not supported", reduction));
  }
  return ctx.emit_final(OpKind::scatter_elements, {data, indices, updates},
                        {{"axis", axis}, {"reduction", reduction}});
}

Status scatter_nd(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* data, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* indices, ctx.required_input(1));
  INGOT_ASSIGN_OR_RETURN(Value* updates, ctx.required_input(2));
  std::string reduction = ctx.attr_string("reduction", "none");
  if (reduction != "none" && reduction != "add" && reduction != "mul") {
    return ctx.unsupported(fmt::format("reduction '{}' is not supported", reduction));
  }
  return ctx.emit_final(OpKind::scatter_nd, {data, indices, updates}, {{"reduction", reduction}});
}

// OneHot(indices, depth, values): the new axis may be at the end, so it is
// normalised against rank + 1. A depth of any numeric type counts as an
// integer (ONNX casts it).
Status one_hot(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* indices, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* depth, ctx.required_input(1));
  INGOT_ASSIGN_OR_RETURN(Value* values, ctx.required_input(2));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, axis_of(ctx, ctx.attr_int("axis", -1), indices->type().rank() + 1));
  std::optional<double> known;
  if (auto floats = ctx.constant_floats(1); floats && floats->size() == 1) known = floats->front();
  if (auto ints = known_ints(ctx, 1); !known && ints && ints->size() == 1) known = static_cast<double>(ints->front());
  if (known) {
    if (!(*known >= 1 && *known <= static_cast<double>(kMaxElements))) {
      return ctx.unsupported(fmt::format("depth {} must be positive", *known));
    }
    return ctx.emit_final(OpKind::one_hot, {indices, values},
                          {{"axis", axis}, {"depth", static_cast<int64_t>(*known)}});
  }
  INGOT_RETURN_IF_ERROR(need_inferred_output(ctx, "depth"));
  return ctx.emit_final(OpKind::one_hot, {indices, values, depth}, {{"axis", axis}});
}

// TopK: k is an attribute in opset 1, a [1] tensor from opset 10; largest
// and sorted arrive in opset 11 with the old behaviour as default.
Status top_k(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, axis_of(ctx, ctx.attr_int("axis", -1), x->type().rank()));
  AttrMap attrs{{"axis", axis}, {"largest", ctx.attr_int("largest", 1)}, {"sorted", ctx.attr_int("sorted", 1)}};
  if (ctx.opset() < 10) {
    if (!ctx.has_attr("k")) return ctx.unsupported("the k attribute is required");
    attrs["k"] = ctx.attr_int("k", 0);
    return ctx.emit_final(OpKind::top_k, {x}, std::move(attrs));
  }
  INGOT_ASSIGN_OR_RETURN(Value* k, ctx.required_input(1));
  if (auto known = constant_scalar_int(ctx, 1)) {
    attrs["k"] = *known;
    return ctx.emit_final(OpKind::top_k, {x}, std::move(attrs));
  }
  INGOT_RETURN_IF_ERROR(need_inferred_output(ctx, "k"));
  return ctx.emit_final(OpKind::top_k, {x, k}, std::move(attrs));
}

Status cumsum(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* axis, ctx.required_input(1));
  AttrMap attrs{{"exclusive", ctx.attr_int("exclusive", 0)}, {"reverse", ctx.attr_int("reverse", 0)}};
  if (auto known = constant_scalar_int(ctx, 1)) {
    INGOT_ASSIGN_OR_RETURN(attrs["axis"], axis_of(ctx, *known, x->type().rank()));
    return ctx.emit_final(OpKind::cumsum, {x}, std::move(attrs));
  }
  return ctx.emit_final(OpKind::cumsum, {x, axis}, std::move(attrs));
}

// Trilu: k is an optional 0-d input, 0 when absent.
Status trilu(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  AttrMap attrs{{"upper", ctx.attr_int("upper", 1)}};
  Value* k = ctx.input(1);
  std::optional<int64_t> known = k == nullptr ? std::optional<int64_t>(0) : constant_scalar_int(ctx, 1);
  if (known) {
    attrs["k"] = *known;
    return ctx.emit_final(OpKind::trilu, {x}, std::move(attrs));
  }
  return ctx.emit_final(OpKind::trilu, {x, k}, std::move(attrs));
}

using MaybeBytes = std::optional<std::vector<uint8_t>>;

// The elements start + i * delta for i < max(ceil((limit - start) / delta), 0),
// as little-endian bytes of T. Integers step in unsigned arithmetic, which
// wraps where signed would overflow; every element still fits T.
template <typename T>
Result<MaybeBytes> range_bytes(ConvertContext& ctx, T start, T limit, T delta) {
  if (delta == T{0}) return ctx.unsupported("delta must not be zero");
  // As ONNX's inference: floats subtract in T, then divide in f64; integers
  // subtract in f64, where they cannot overflow.
  double span = std::is_floating_point_v<T> ? static_cast<double>(limit - start)
                                            : static_cast<double>(limit) - static_cast<double>(start);
  double length = std::max(std::ceil(span / static_cast<double>(delta)), 0.0);
  if (!(length * sizeof(T) <= static_cast<double>(kMaxFoldedBytes))) {
    return ctx.unsupported("the range is too long to fold");
  }
  std::vector<uint8_t> bytes(static_cast<size_t>(length) * sizeof(T));
  for (size_t i = 0; i < static_cast<size_t>(length); ++i) {
    T value;
    if constexpr (std::is_floating_point_v<T>) {
      value = static_cast<T>(start + static_cast<T>(i) * delta);
    } else {
      value = static_cast<T>(static_cast<uint64_t>(start) + static_cast<uint64_t>(i) * static_cast<uint64_t>(delta));
    }
    std::memcpy(bytes.data() + i * sizeof(T), &value, sizeof(T));
  }
  return MaybeBytes(std::move(bytes));
}

// The folded Range when its operands are constant, nullopt when not.
Result<MaybeBytes> fold_range(ConvertContext& ctx, DType dtype) {
  if (dtype == DType::i32 || dtype == DType::i64) {
    auto s = constant_scalar_int(ctx, 0), l = constant_scalar_int(ctx, 1), d = constant_scalar_int(ctx, 2);
    if (!s || !l || !d) return MaybeBytes();
    if (dtype == DType::i64) return range_bytes<int64_t>(ctx, *s, *l, *d);
    return range_bytes<int32_t>(ctx, static_cast<int32_t>(*s), static_cast<int32_t>(*l), static_cast<int32_t>(*d));
  }
  if (dtype == DType::f32 || dtype == DType::f64) {
    auto s = ctx.constant_floats(0), l = ctx.constant_floats(1), d = ctx.constant_floats(2);
    if (!s || !l || !d || s->size() != 1 || l->size() != 1 || d->size() != 1) return MaybeBytes();
    if (dtype == DType::f64) return range_bytes<double>(ctx, s->front(), l->front(), d->front());
    return range_bytes<float>(ctx, static_cast<float>(s->front()), static_cast<float>(l->front()),
                              static_cast<float>(d->front()));
  }
  return MaybeBytes();  // i16: left to the core op
}

// Range with constant operands folds to a constant; otherwise the core op
// keeps ONNX's declared output type.
Status range(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* start, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* limit, ctx.required_input(1));
  INGOT_ASSIGN_OR_RETURN(Value* delta, ctx.required_input(2));
  DType dtype = start->type().dtype;
  INGOT_ASSIGN_OR_RETURN(MaybeBytes folded, fold_range(ctx, dtype));
  if (folded) {
    auto length = static_cast<int64_t>(folded->size() / dtype_size(dtype));
    return bind_constant(ctx, {dtype, {length}}, std::move(*folded));
  }
  return ctx.emit_final(OpKind::range, {start, limit, delta});
}

}  // namespace

std::vector<ConverterEntry> indexing_converters() {
  using K = OpKind;
  std::vector<ConverterEntry> table = {
      {"Gather", gather, {K::gather}},
      {"GatherElements", gather_elements, {K::gather_elements}},
      {"GatherND", gather_nd, {K::gather_nd}},
      {"Scatter", scatter_elements, {K::scatter_elements}},
      {"ScatterElements", scatter_elements, {K::scatter_elements}},
      {"ScatterND", scatter_nd, {K::scatter_nd}},
      {"OneHot", one_hot, {K::one_hot}},
      {"TopK", top_k, {K::top_k}},
      {"CumSum", cumsum, {K::cumsum}},
      {"Trilu", trilu, {K::trilu}},
      {"Range", range, {K::range}},
  };
  // The shape queries (map_shape.cc) ride on this table, so that
  // graph_builder.cc needs no entry of its own for them.
  for (const ConverterEntry& entry : shape_converters()) table.push_back(entry);
  return table;
}

}  // namespace ingot::onnx_import
