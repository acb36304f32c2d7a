// ONNX convolutions and matrix products: Conv, ConvTranspose, MatMul, Gemm,
// Einsum, and their integer and quantized forms (ConvInteger, MatMulInteger,
// QLinearConv, QLinearMatMul).
//
// Window attributes are made explicit here: kernel_shape defaults to the
// weight's, auto_pad and ConvTranspose's output_shape become explicit pads and
// output_padding, following the formulas of the ONNX operator spec.
#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "importers/onnx/converters.h"

namespace ingot::onnx_import {
namespace {

struct ConvWindow {
  std::vector<int64_t> kernel, strides, dilations;
  std::string auto_pad;
  int64_t group = 1;

  int64_t extent(size_t i) const { return (kernel[i] - 1) * dilations[i] + 1; }
};

// kernel_shape (the weight's spatial dims unless given), strides, dilations,
// group and auto_pad.
Result<ConvWindow> read_window(const ConvertContext& ctx, const Shape& x, const Shape& w) {
  if (x.size() < 3) return Status::invalid(fmt::format("the input must have rank 3 or more (N, C, spatial...), not {}", x.size()));
  if (w.size() != x.size()) return Status::invalid(fmt::format("the weight has rank {}, the input {}", w.size(), x.size()));
  const size_t spatial = x.size() - 2;
  ConvWindow window;
  const Shape weight_kernel(w.begin() + 2, w.end());
  window.kernel = ctx.attr_ints("kernel_shape");
  if (window.kernel.empty()) window.kernel = weight_kernel;
  if (window.kernel != weight_kernel) {
    return Status::invalid(fmt::format("kernel_shape [{}] does not match the weight's [{}]", shape_to_string(window.kernel),
                                       shape_to_string(weight_kernel)));
  }
  for (int64_t k : window.kernel) {
    if (k < 1) return Status::invalid("the weight has an empty kernel dim");
  }
  INGOT_ASSIGN_OR_RETURN(window.strides, spatial_ints(ctx, "strides", spatial, 1, 1));
  INGOT_ASSIGN_OR_RETURN(window.dilations, spatial_ints(ctx, "dilations", spatial, 1, 1));
  for (size_t i = 0; i < spatial; ++i) {
    if (window.kernel[i] - 1 > kMaxElements / window.dilations[i]) return Status::invalid("the dilated kernel is too large");
  }
  window.group = ctx.attr_int("group", 1);
  window.auto_pad = ctx.attr_string("auto_pad", "NOTSET");
  if (window.auto_pad != "NOTSET" && window.auto_pad != "VALID" && window.auto_pad != "SAME_UPPER" &&
      window.auto_pad != "SAME_LOWER") {
    return Status::invalid(fmt::format("auto_pad '{}' is not NOTSET, VALID, SAME_UPPER or SAME_LOWER", window.auto_pad));
  }
  return window;
}

// Splits a total padding: SAME_UPPER puts the odd one at the end, everything
// else (SAME_LOWER, and ConvTranspose's NOTSET) at the beginning.
void split_padding(int64_t total, bool upper, std::vector<int64_t>& pads, size_t i, size_t spatial) {
  pads[i] = upper ? total / 2 : total - total / 2;
  pads[spatial + i] = total - pads[i];
}

// Conv's pads: explicit, or auto_pad SAME (output = ceil(in / stride)) or VALID.
Result<std::vector<int64_t>> conv_pads(const ConvertContext& ctx, const ConvWindow& window, const Shape& x) {
  const size_t spatial = window.kernel.size();
  if (window.auto_pad == "NOTSET") return spatial_ints(ctx, "pads", 2 * spatial, 0, 0);
  std::vector<int64_t> pads(2 * spatial, 0);
  if (window.auto_pad == "VALID") return pads;
  for (size_t i = 0; i < spatial; ++i) {
    const int64_t in = x[2 + i];
    const int64_t out = (in + window.strides[i] - 1) / window.strides[i];
    const int64_t total = std::max<int64_t>(0, (out - 1) * window.strides[i] + window.extent(i) - in);
    split_padding(total, window.auto_pad == "SAME_UPPER", pads, i, spatial);
  }
  return pads;
}

AttrMap conv_attrs(const ConvWindow& window, std::vector<int64_t> pads) {
  return {{"strides", window.strides}, {"pads", std::move(pads)}, {"dilations", window.dilations}, {"group", window.group}};
}

// The attributes of the core conv for an ONNX Conv-like node on x and w.
Result<AttrMap> resolve_conv(const ConvertContext& ctx, const Value* x, const Value* w) {
  INGOT_ASSIGN_OR_RETURN(ConvWindow window, read_window(ctx, x->type().shape, w->type().shape));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> pads, conv_pads(ctx, window, x->type().shape));
  return conv_attrs(window, std::move(pads));
}

// x, w and the bias when there is one (no trailing absent operand).
std::vector<Value*> with_bias(Value* x, Value* w, Value* bias) {
  if (bias == nullptr) return {x, w};
  return {x, w, bias};
}

Status conv(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* w, ctx.required_input(1));
  INGOT_ASSIGN_OR_RETURN(AttrMap attrs, resolve_conv(ctx, x, w));
  return ctx.emit_final(OpKind::conv, with_bias(x, w, ctx.input(2)), std::move(attrs));
}

// ConvTranspose's pads and output_padding. With output_shape (or auto_pad
// SAME, which asks for in * stride) the total padding is
//   stride * (in - 1) + output_padding + dilated_kernel - output_size
// split by auto_pad. A negative total (an output larger than the natural one)
// becomes extra output_padding at the end, as onnxruntime and the ONNX test
// data do. For auto_pad SAME, onnxruntime and ONNX's shape inference clamp the
// total at 0 instead; so does ingot.
Status convtranspose_pads(const ConvertContext& ctx, const ConvWindow& window, const Shape& x, AttrMap& attrs) {
  const size_t spatial = window.kernel.size();
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> output_padding, spatial_ints(ctx, "output_padding", spatial, 0, 0));
  std::vector<int64_t> output_shape = ctx.attr_ints("output_shape");
  if (output_shape.size() == spatial + 2) output_shape.erase(output_shape.begin(), output_shape.begin() + 2);
  if (!output_shape.empty() && output_shape.size() != spatial) {
    return Status::invalid(fmt::format("output_shape must have {} entries, not {}", spatial, output_shape.size()));
  }
  const bool same = window.auto_pad == "SAME_UPPER" || window.auto_pad == "SAME_LOWER";
  std::vector<int64_t> pads(2 * spatial, 0);
  if (!output_shape.empty() || same) {
    for (size_t i = 0; i < spatial; ++i) {
      const int64_t in = x[2 + i];
      if (in < 1 || in - 1 > kMaxElements / window.strides[i]) return Status::invalid("the input is empty or too large");
      const int64_t natural = window.strides[i] * (in - 1) + output_padding[i] + window.extent(i);
      const int64_t wanted = output_shape.empty() ? in * window.strides[i] : output_shape[i];
      if (wanted < 1 || wanted > kMaxElements) return Status::invalid(fmt::format("output_shape holds {}", wanted));
      int64_t total = natural - wanted;
      if (total < 0 && output_shape.empty()) total = 0;
      if (total < 0) {
        output_padding[i] -= total;
        total = 0;
      }
      split_padding(total, window.auto_pad == "SAME_UPPER", pads, i, spatial);
    }
  } else if (window.auto_pad == "NOTSET") {
    INGOT_ASSIGN_OR_RETURN(pads, spatial_ints(ctx, "pads", 2 * spatial, 0, 0));
  }
  attrs = conv_attrs(window, std::move(pads));
  attrs["output_padding"] = std::move(output_padding);
  return {};
}

Status conv_transpose(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* w, ctx.required_input(1));
  INGOT_ASSIGN_OR_RETURN(ConvWindow window, read_window(ctx, x->type().shape, w->type().shape));
  AttrMap attrs;
  INGOT_RETURN_IF_ERROR(convtranspose_pads(ctx, window, x->type().shape, attrs));
  return ctx.emit_final(OpKind::conv_transpose, with_bias(x, w, ctx.input(2)), std::move(attrs));
}

Status matmul(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* a, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* b, ctx.required_input(1));
  return ctx.emit_final(OpKind::matmul, {a, b});
}

// Gemm before opset 7 had a `broadcast` flag; ingot always broadcasts c, which
// gives the same result for every valid model.
Status gemm(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* a, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* b, ctx.required_input(1));
  std::vector<Value*> operands{a, b};
  if (Value* c = ctx.input(2)) operands.push_back(c);
  return ctx.emit_final(OpKind::gemm, std::move(operands),
                        {{"alpha", ctx.attr_float("alpha", 1.0)},
                         {"beta", ctx.attr_float("beta", 1.0)},
                         {"trans_a", ctx.attr_int("transA", 0)},
                         {"trans_b", ctx.attr_int("transB", 0)}});
}

// ---- Integer and quantized forms ----------------------------------------

std::string name_hint(const ConvertContext& ctx) { return ctx.node().name().empty() ? ctx.op_type() : ctx.node().name(); }

Result<Value*> cast_to(ConvertContext& ctx, Value* x, DType dtype) {
  return ctx.emit(OpKind::cast, {x}, {{"to", std::string(dtype_name(dtype))}});
}

// True when `zp` broadcasts onto `q` without changing q's shape.
bool broadcasts_onto(const Shape& zp, const Shape& q) {
  if (zp.size() > q.size()) return false;
  for (size_t i = 0; i < zp.size(); ++i) {
    int64_t dim = zp[zp.size() - 1 - i];
    if (dim != 1 && dim != q[q.size() - 1 - i]) return false;
  }
  return true;
}

// q - zero_point in i32, the operand of an integer conv or matmul. A zero
// point that broadcasts onto q as it is (per tensor, per last axis, or N-D
// with unit dims) is subtracted directly; a 1-D one with an entry per slice
// along another `axis` must be a constant, rewritten as an i32 constant
// shaped [n, 1, ...] so that it broadcasts along that axis.
// A constant i32 tensor named after the node (name_hint + suffix).
Value* add_i32_constant(ConvertContext& ctx, const char* suffix, const std::vector<int32_t>& values, Shape shape) {
  auto bytes = std::make_shared<std::vector<uint8_t>>(values.size() * sizeof(int32_t));
  std::memcpy(bytes->data(), values.data(), bytes->size());
  return ctx.graph().add_constant(name_hint(ctx) + suffix, {DType::i32, std::move(shape)}, std::move(bytes));
}

Result<Value*> centered_i32(ConvertContext& ctx, Value* q, size_t zp_index, int64_t axis) {
  INGOT_ASSIGN_OR_RETURN(Value* qi, cast_to(ctx, q, DType::i32));
  Value* zp = ctx.input(zp_index);
  if (zp == nullptr) return qi;
  if (zp->type().dtype != q->type().dtype) return Status::invalid("a zero point must have its input's dtype");
  const Shape& zp_shape = zp->type().shape;
  const Shape& q_shape = q->type().shape;
  const bool per_tensor = num_elements(zp_shape) == 1 && zp_shape.size() <= 1;
  const bool per_axis = zp_shape.size() == 1 && axis >= 0 && axis < q->type().rank() && zp_shape[0] == q_shape[axis];
  if (!per_tensor && !per_axis && (zp_shape.size() != q_shape.size() || !broadcasts_onto(zp_shape, q_shape))) {
    return Status::invalid(fmt::format("zero point [{}] is neither per-tensor, nor per slice along axis {}, nor broadcastable",
                                       shape_to_string(zp_shape), axis));
  }
  if (per_tensor || !per_axis || axis == q->type().rank() - 1) {
    INGOT_ASSIGN_OR_RETURN(Value* zpi, cast_to(ctx, zp, DType::i32));
    return ctx.emit(OpKind::sub, {qi, zpi});
  }
  std::optional<std::vector<double>> values = ctx.constant_floats(zp_index);
  if (!values) return Status::invalid("a per-axis zero point known only at run time is not supported");
  Shape shape{zp_shape[0]};
  shape.resize(static_cast<size_t>(q->type().rank() - axis), 1);
  Value* zpi = add_i32_constant(ctx, "_zero_point", std::vector<int32_t>(values->begin(), values->end()), shape);
  return ctx.emit(OpKind::sub, {qi, zpi});
}

bool is_quantized_8bit(const Value* v) { return v->type().dtype == DType::u8 || v->type().dtype == DType::i8; }

// The zero point operand `index` as integers when it is absent (0), a
// constant scalar or one-element tensor, or a constant 1-D tensor of shape
// `per_axis` (when given); nullopt otherwise.
std::optional<std::vector<int64_t>> zero_points(const ConvertContext& ctx, size_t index, const Shape& per_axis) {
  const Value* zp = ctx.input(index);
  if (zp == nullptr) return std::vector<int64_t>{0};
  const Shape& shape = zp->type().shape;
  const bool one = shape.empty() || shape == Shape{1};
  if (!one && (per_axis.empty() || shape != per_axis)) return std::nullopt;
  std::optional<std::vector<double>> values = ctx.constant_floats(index);
  if (!values) return std::nullopt;
  return std::vector<int64_t>(values->begin(), values->end());
}

// ConvInteger: conv of (x - x_zero_point) and (w - w_zero_point) in i32, with
// zero padding of the centred input, which is what the spec's padding with
// x_zero_point means. w_zero_point may be per output channel. With constant
// zero points it is qconv with an i32 result; otherwise the centred operands
// are computed at run time and go through an i32 conv.
Status conv_integer(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* w, ctx.required_input(1));
  if (!is_quantized_8bit(x) || !is_quantized_8bit(w)) return ctx.unsupported("ConvInteger takes u8 or i8 operands");
  INGOT_ASSIGN_OR_RETURN(AttrMap attrs, resolve_conv(ctx, x, w));
  // Constant zero points, x's per tensor and w's per tensor or per output
  // channel: the integer conv itself.
  std::optional<std::vector<int64_t>> x_zp = zero_points(ctx, 2, {}), w_zp = zero_points(ctx, 3, {w->type().shape[0]});
  if (x_zp && w_zp && x_zp->size() == 1) {
    attrs["x_zero_point"] = x_zp->front();
    attrs["w_zero_point"] = *w_zp;
    attrs["y_dtype"] = std::string("i32");
    return ctx.emit_final(OpKind::qconv, {x, w}, std::move(attrs));
  }
  INGOT_ASSIGN_OR_RETURN(Value* xi, centered_i32(ctx, x, 2, -1));
  INGOT_ASSIGN_OR_RETURN(Value* wi, centered_i32(ctx, w, 3, 0));
  return ctx.emit_final(OpKind::conv, {xi, wi}, std::move(attrs));
}

// MatMulInteger: matmul of the centred operands in i32; a_zero_point may be
// per row of a, b_zero_point per column of b. Matrices with constant zero
// points (a's per tensor), or a's known at run time against a constant b,
// are qmatmul with an i32 result.
Status matmul_integer(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* a, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* b, ctx.required_input(1));
  if (!is_quantized_8bit(a) || !is_quantized_8bit(b)) return ctx.unsupported("MatMulInteger takes u8 or i8 operands");
  // Matrices (rank 2 or more) with constant zero points, a's per tensor and
  // b's per tensor or per column: the integer matmul itself.
  std::optional<std::vector<int64_t>> a_zp = zero_points(ctx, 2, {}), b_zp = zero_points(ctx, 3, {b->type().shape.back()});
  if (a->type().rank() >= 2 && b->type().rank() >= 2 && a_zp && b_zp && a_zp->size() == 1) {
    return ctx.emit_final(OpKind::qmatmul, {a, b},
                          {{"a_zero_point", a_zp->front()}, {"b_zero_point", *b_zp}, {"y_dtype", std::string("i32")}});
  }
  // a's zero point known only at run time, per tensor (DynamicQuantizeLinear's,
  // as ONNX Runtime's quantize_dynamic writes it), against a constant matrix
  // b: the same qmatmul with a's zero point 0, its sums starting from the
  // bias -a_zp * colsum(b - b_zp) (equal to the centred product's modulo
  // 2^32, without centring a at run time).
  const Value* a_zp_value = ctx.input(2);
  const bool a_zp_at_run_time = !a_zp && a_zp_value->type().dtype == a->type().dtype &&
                                num_elements(a_zp_value->type().shape) == 1 && a_zp_value->type().rank() <= 1;
  std::optional<std::vector<double>> b_values;
  if (a->type().rank() >= 2 && b->type().rank() == 2 && b_zp && a_zp_at_run_time) b_values = ctx.constant_floats(1);
  if (b_values) {
    const int64_t k = b->type().shape[0], n = b->type().shape[1];
    std::vector<int32_t> negated_sums(static_cast<size_t>(n), 0);
    for (int64_t row = 0; row < k; ++row) {
      for (int64_t col = 0; col < n; ++col) {
        const int64_t zp = (*b_zp)[b_zp->size() == 1 ? 0 : static_cast<size_t>(col)];
        negated_sums[static_cast<size_t>(col)] -= static_cast<int32_t>((*b_values)[static_cast<size_t>(row * n + col)] - zp);
      }
    }
    Value* sums = add_i32_constant(ctx, "_negated_column_sums", negated_sums, {n});
    INGOT_ASSIGN_OR_RETURN(Value* a_zp_i32, cast_to(ctx, ctx.input(2), DType::i32));
    INGOT_ASSIGN_OR_RETURN(Value* bias, ctx.emit(OpKind::mul, {a_zp_i32, sums}));
    return ctx.emit_final(OpKind::qmatmul, {a, b, bias},
                          {{"a_zero_point", int64_t{0}}, {"b_zero_point", *b_zp}, {"y_dtype", std::string("i32")}});
  }
  INGOT_ASSIGN_OR_RETURN(Value* ai, centered_i32(ctx, a, 2, a->type().rank() - 2));
  INGOT_ASSIGN_OR_RETURN(Value* bi, centered_i32(ctx, b, 3, b->type().rank() - 1));
  return ctx.emit_final(OpKind::matmul, {ai, bi});
}

// The axis of a scale: 0 when it is per-tensor, else `per_axis`.
int64_t scale_axis(const Value* scale, int64_t per_axis) {
  const Shape& shape = scale->type().shape;
  return shape.empty() || shape == Shape{1} ? 0 : per_axis;
}

Result<Value*> dequantized(ConvertContext& ctx, size_t q, size_t scale, size_t zero_point, int64_t per_axis) {
  INGOT_ASSIGN_OR_RETURN(Value* qv, ctx.required_input(q));
  INGOT_ASSIGN_OR_RETURN(Value* sv, ctx.required_input(scale));
  std::vector<Value*> operands{qv, sv};
  if (Value* zp = ctx.input(zero_point)) operands.push_back(zp);
  return ctx.emit(OpKind::dequantize, std::move(operands), {{"axis", scale_axis(sv, per_axis)}});
}

// quantize(result, y_scale, y_zero_point): the last step of QLinear*.
Status requantize(ConvertContext& ctx, Value* result, size_t scale, size_t zero_point, int64_t per_axis) {
  INGOT_ASSIGN_OR_RETURN(Value* sv, ctx.required_input(scale));
  INGOT_ASSIGN_OR_RETURN(Value* zp, ctx.required_input(zero_point));
  return ctx.emit_final(OpKind::quantize, {result, sv, zp}, {{"axis", scale_axis(sv, per_axis)}});
}

// QLinearConv as its QDQ form: dequantize x, w (per output channel) and the
// i32 bias (scale x_scale * w_scale, zero point 0), conv in float, quantize.
// This is the definition the quantize pass recognises; it equals the integer
// form up to f32 rounding of the accumulation.
Status qlinear_conv(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* w, ctx.required_input(3));
  INGOT_ASSIGN_OR_RETURN(AttrMap attrs, resolve_conv(ctx, x, w));
  INGOT_ASSIGN_OR_RETURN(Value* xf, dequantized(ctx, 0, 1, 2, 1));
  INGOT_ASSIGN_OR_RETURN(Value* wf, dequantized(ctx, 3, 4, 5, 0));
  Value* bias = nullptr;
  if (Value* b = ctx.input(8)) {
    INGOT_ASSIGN_OR_RETURN(Value* bias_scale, ctx.emit(OpKind::mul, {ctx.input(1), ctx.input(4)}));
    INGOT_ASSIGN_OR_RETURN(bias, ctx.emit(OpKind::dequantize, {b, bias_scale}, {{"axis", scale_axis(bias_scale, 0)}}));
  }
  INGOT_ASSIGN_OR_RETURN(Value* y, ctx.emit(OpKind::conv, with_bias(xf, wf, bias), std::move(attrs)));
  return requantize(ctx, y, 6, 7, 1);
}

// QLinearMatMul as dequantize -> matmul -> quantize; a's scale may be per
// row, b's per column.
Status qlinear_matmul(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* a, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* b, ctx.required_input(3));
  INGOT_ASSIGN_OR_RETURN(Value* af, dequantized(ctx, 0, 1, 2, a->type().rank() - 2));
  INGOT_ASSIGN_OR_RETURN(Value* bf, dequantized(ctx, 3, 4, 5, b->type().rank() - 1));
  INGOT_ASSIGN_OR_RETURN(Value* y, ctx.emit(OpKind::matmul, {af, bf}));
  return requantize(ctx, y, 6, 7, y->type().rank() - 1);
}

// ---- Einsum ----------------------------------------------------------------
//
// Planned symbolically first (labels and shapes), then emitted, so that the
// last step is the node that produces the ONNX output. Each operand loses its
// repeated labels (diagonals: transpose, reshape, strided slice) and the
// labels nobody else needs (reduce_sum); operands are then contracted pairwise
// from the left by one batched matmul each (transpose, reshape, matmul,
// reshape); a final transpose gives the output order. Labels are ints: 'A'-'Z'
// are 0-25 and 'a'-'z' 26-51 (so sorting them sorts by character, as numpy's
// implicit output does), and the dims under "..." are 52 and up, aligned to
// the right across operands.

constexpr int kEllipsisLabel = 52;

struct EinsumSpec {
  std::vector<std::vector<int>> inputs;
  std::vector<int> output;
};

// One operand's term: its labels, with "..." expanded for `rank` dims.
Result<std::vector<int>> parse_term(std::string_view term, int64_t rank, int64_t max_ellipsis) {
  std::vector<int> labels;
  size_t dots = term.find("...");
  int64_t letters = static_cast<int64_t>(term.size()) - (dots == std::string_view::npos ? 0 : 3);
  for (size_t i = 0; i < term.size(); ++i) {
    if (i == dots) {
      int64_t count = rank - letters;
      if (count < 0) return Status::invalid(fmt::format("term '{}' has more labels than its operand has dims ({})", term, rank));
      for (int64_t j = 0; j < count; ++j) labels.push_back(kEllipsisLabel + static_cast<int>(max_ellipsis - count + j));
      i += 2;
      continue;
    }
    char c = term[i];
    if (c >= 'A' && c <= 'Z') {
      labels.push_back(c - 'A');
    } else if (c >= 'a' && c <= 'z') {
      labels.push_back(26 + (c - 'a'));
    } else {
      return Status::invalid(fmt::format("term '{}' holds '{}', which is not a letter or '...'", term, c));
    }
  }
  if (static_cast<int64_t>(labels.size()) != rank) {
    return Status::invalid(fmt::format("term '{}' does not match its operand's rank {}", term, rank));
  }
  return labels;
}

std::vector<std::string_view> split_terms(std::string_view text) {
  std::vector<std::string_view> terms;
  size_t start = 0;
  for (size_t comma = text.find(','); comma != std::string_view::npos; comma = text.find(',', start)) {
    terms.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  terms.push_back(text.substr(start));
  return terms;
}

Result<EinsumSpec> parse_einsum(std::string equation, const std::vector<Value*>& operands) {
  std::erase(equation, ' ');
  const size_t arrow = equation.find("->");
  std::string_view lhs = std::string_view(equation).substr(0, arrow);
  std::vector<std::string_view> terms = split_terms(lhs);
  if (terms.size() != operands.size()) {
    return Status::invalid(fmt::format("the equation has {} terms for {} operands", terms.size(), operands.size()));
  }
  int64_t max_ellipsis = 0;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (terms[i].find("...") == std::string_view::npos) continue;
    int64_t letters = static_cast<int64_t>(terms[i].size()) - 3;
    max_ellipsis = std::max(max_ellipsis, operands[i]->type().rank() - letters);
  }
  EinsumSpec spec;
  std::vector<int> count(kEllipsisLabel + max_ellipsis, 0);
  for (size_t i = 0; i < terms.size(); ++i) {
    INGOT_ASSIGN_OR_RETURN(std::vector<int> labels, parse_term(terms[i], operands[i]->type().rank(), max_ellipsis));
    for (int label : labels) ++count[label];
    spec.inputs.push_back(std::move(labels));
  }
  if (arrow != std::string::npos) {
    std::string_view rhs = std::string_view(equation).substr(arrow + 2);
    const bool dots = rhs.find("...") != std::string_view::npos;
    const int64_t rank = static_cast<int64_t>(rhs.size()) + (dots ? max_ellipsis - 3 : 0);
    INGOT_ASSIGN_OR_RETURN(spec.output, parse_term(rhs, rank, max_ellipsis));
  } else {
    // Implicit output: the "..." dims, then the labels used once, sorted.
    for (int label = kEllipsisLabel; label < kEllipsisLabel + max_ellipsis; ++label) spec.output.push_back(label);
    for (int label = 0; label < kEllipsisLabel; ++label) {
      if (count[label] == 1) spec.output.push_back(label);
    }
  }
  for (size_t i = 0; i < spec.output.size(); ++i) {
    int label = spec.output[i];
    if (count[label] == 0) return Status::invalid("an output label appears in no operand");
    if (std::find(spec.output.begin(), spec.output.begin() + i, label) != spec.output.begin() + i) {
      return Status::invalid("an output label appears twice");
    }
  }
  return spec;
}

struct EinsumTerm {
  int id;  // an operand (below the operand count) or the output of a step
  std::vector<int> labels;
  Shape shape;
};

struct EinsumStep {
  OpKind op;
  std::vector<int> inputs;
  AttrMap attrs;
};

bool contains(const std::vector<int>& labels, int label) {
  return std::find(labels.begin(), labels.end(), label) != labels.end();
}

int64_t product(const Shape& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

class EinsumPlan {
 public:
  explicit EinsumPlan(int num_operands) : num_operands_(num_operands) {}
  const std::vector<EinsumStep>& steps() const { return steps_; }

  // Reorders the term's dims: new dim i is old dim perm[i].
  void transpose(EinsumTerm& t, const std::vector<int64_t>& perm) {
    bool identity = true;
    for (size_t i = 0; i < perm.size(); ++i) identity = identity && perm[i] == static_cast<int64_t>(i);
    if (identity) return;
    EinsumTerm out{0, {}, {}};
    for (int64_t p : perm) {
      out.labels.push_back(t.labels[p]);
      out.shape.push_back(t.shape[p]);
    }
    t = add(OpKind::transpose, {t.id}, {{"perm", perm}}, std::move(out.labels), std::move(out.shape));
  }

  void reshape(EinsumTerm& t, Shape shape, std::vector<int> labels) {
    if (shape == t.shape) {
      t.labels = std::move(labels);
      return;
    }
    std::vector<int64_t> dims = shape;
    t = add(OpKind::reshape, {t.id}, {{"shape", dims}}, std::move(labels), std::move(shape));
  }

  // Keeps the diagonal of the dims p < q (same label, same size n): moves q
  // next to p, merges the two into one dim of n * n and takes every (n+1)-th.
  void diagonal(EinsumTerm& t, size_t p, size_t q) {
    std::vector<int64_t> perm;
    for (size_t i = 0; i < t.shape.size(); ++i) {
      if (i != q) perm.push_back(static_cast<int64_t>(i));
      if (i == p) perm.push_back(static_cast<int64_t>(q));
    }
    transpose(t, perm);
    const int64_t n = t.shape[p];
    Shape merged = t.shape;
    merged[p] = n * n;
    merged.erase(merged.begin() + static_cast<std::ptrdiff_t>(p) + 1);
    std::vector<int> labels = t.labels;
    labels.erase(labels.begin() + static_cast<std::ptrdiff_t>(p) + 1);
    reshape(t, merged, labels);
    Shape out = merged;
    out[p] = n;
    AttrMap attrs{{"starts", std::vector<int64_t>{0}},
                  {"ends", std::vector<int64_t>{n * n}},
                  {"axes", std::vector<int64_t>{static_cast<int64_t>(p)}},
                  {"steps", std::vector<int64_t>{n + 1}}};
    t = add(OpKind::slice, {t.id}, std::move(attrs), std::move(labels), std::move(out));
  }

  void remove_diagonals(EinsumTerm& t) {
    for (size_t q = 1; q < t.labels.size(); ++q) {
      for (size_t p = 0; p < q; ++p) {
        if (t.labels[p] != t.labels[q]) continue;
        diagonal(t, p, q);
        q = 0;  // the labels changed: look again from the start
        break;
      }
    }
  }

  // Sums over the labels that `needed` does not hold.
  void sum_unneeded(EinsumTerm& t, const std::vector<int>& needed) {
    std::vector<int64_t> axes;
    EinsumTerm out{0, {}, {}};
    for (size_t i = 0; i < t.labels.size(); ++i) {
      if (contains(needed, t.labels[i])) {
        out.labels.push_back(t.labels[i]);
        out.shape.push_back(t.shape[i]);
      } else {
        axes.push_back(static_cast<int64_t>(i));
      }
    }
    if (axes.empty()) return;
    t = add(OpKind::reduce_sum, {t.id}, {{"axes", axes}, {"keepdims", int64_t{0}}}, std::move(out.labels),
            std::move(out.shape));
  }

  // a and b share batch labels (kept) and contracted ones (not kept); the
  // rest belong to one side and are kept. One batched matmul.
  EinsumTerm contract(EinsumTerm a, EinsumTerm b, const std::vector<int>& keep) {
    std::vector<int> batch, contracted, a_only, b_only;
    for (int label : a.labels) {
      if (!contains(b.labels, label)) {
        a_only.push_back(label);
      } else {
        (contains(keep, label) ? batch : contracted).push_back(label);
      }
    }
    for (int label : b.labels) {
      if (!contains(a.labels, label)) b_only.push_back(label);
    }
    transpose(a, positions(a, {&batch, &a_only, &contracted}));
    transpose(b, positions(b, {&batch, &contracted, &b_only}));
    const size_t nb = batch.size();
    Shape batch_shape(a.shape.begin(), a.shape.begin() + static_cast<std::ptrdiff_t>(nb));
    Shape a_kept(a.shape.begin() + static_cast<std::ptrdiff_t>(nb), a.shape.begin() + static_cast<std::ptrdiff_t>(nb + a_only.size()));
    Shape b_kept(b.shape.begin() + static_cast<std::ptrdiff_t>(nb + contracted.size()), b.shape.end());
    Shape k_dims(a.shape.begin() + static_cast<std::ptrdiff_t>(nb + a_only.size()), a.shape.end());
    const int64_t m = product(a_kept), k = product(k_dims), n = product(b_kept);
    Shape a_matrix = batch_shape, b_matrix = batch_shape, product_shape = batch_shape;
    a_matrix.insert(a_matrix.end(), {m, k});
    b_matrix.insert(b_matrix.end(), {k, n});
    product_shape.insert(product_shape.end(), {m, n});
    reshape(a, a_matrix, {});
    reshape(b, b_matrix, {});
    EinsumTerm out = add(OpKind::matmul, {a.id, b.id}, {}, {}, product_shape);
    Shape out_shape = batch_shape;
    out_shape.insert(out_shape.end(), a_kept.begin(), a_kept.end());
    out_shape.insert(out_shape.end(), b_kept.begin(), b_kept.end());
    std::vector<int> labels = batch;
    labels.insert(labels.end(), a_only.begin(), a_only.end());
    labels.insert(labels.end(), b_only.begin(), b_only.end());
    reshape(out, out_shape, labels);
    return out;
  }

  // Dims of t, in the order of the labels of `groups`.
  static std::vector<int64_t> positions(const EinsumTerm& t, std::initializer_list<const std::vector<int>*> groups) {
    std::vector<int64_t> perm;
    for (const std::vector<int>* group : groups) {
      for (int label : *group) {
        perm.push_back(std::find(t.labels.begin(), t.labels.end(), label) - t.labels.begin());
      }
    }
    return perm;
  }

 private:
  EinsumTerm add(OpKind op, std::vector<int> inputs, AttrMap attrs, std::vector<int> labels, Shape shape) {
    steps_.push_back({op, std::move(inputs), std::move(attrs)});
    return {num_operands_ + static_cast<int>(steps_.size()) - 1, std::move(labels), std::move(shape)};
  }

  int num_operands_;
  std::vector<EinsumStep> steps_;
};

// Every label has one size wherever it appears (ingot does not broadcast
// inside an einsum).
Status check_label_sizes(const EinsumSpec& spec, const std::vector<Value*>& operands) {
  int max_label = 0;
  for (const std::vector<int>& labels : spec.inputs) {
    for (int label : labels) max_label = std::max(max_label, label);
  }
  std::vector<int64_t> size(static_cast<size_t>(max_label) + 1, -1);
  for (size_t i = 0; i < operands.size(); ++i) {
    for (size_t d = 0; d < spec.inputs[i].size(); ++d) {
      int64_t& known = size[static_cast<size_t>(spec.inputs[i][d])];
      int64_t dim = operands[i]->type().shape[d];
      if (known >= 0 && known != dim) return Status::invalid("a label has different sizes (einsum broadcasting is not supported)");
      known = dim;
    }
  }
  return {};
}

Result<std::vector<EinsumStep>> plan_einsum(const EinsumSpec& spec, const std::vector<Value*>& operands) {
  INGOT_RETURN_IF_ERROR(check_label_sizes(spec, operands));
  EinsumPlan plan(static_cast<int>(operands.size()));
  std::vector<EinsumTerm> terms;
  for (size_t i = 0; i < operands.size(); ++i) {
    terms.push_back({static_cast<int>(i), spec.inputs[i], operands[i]->type().shape});
    plan.remove_diagonals(terms.back());
  }
  // The labels that operands from `first` on, and the output, still need.
  auto needed_from = [&](size_t first) {
    std::vector<int> needed = spec.output;
    for (size_t i = first; i < terms.size(); ++i) needed.insert(needed.end(), terms[i].labels.begin(), terms[i].labels.end());
    return needed;
  };
  EinsumTerm acc = terms[0];
  plan.sum_unneeded(acc, needed_from(1));
  for (size_t i = 1; i < terms.size(); ++i) {
    std::vector<int> needed = needed_from(i + 1);
    std::vector<int> with_acc = needed;
    with_acc.insert(with_acc.end(), acc.labels.begin(), acc.labels.end());
    plan.sum_unneeded(terms[i], with_acc);
    acc = plan.contract(acc, terms[i], needed);
  }
  std::vector<int64_t> perm;
  for (int label : spec.output) perm.push_back(std::find(acc.labels.begin(), acc.labels.end(), label) - acc.labels.begin());
  plan.transpose(acc, perm);
  return plan.steps();
}

// Einsum over one or more operands, lowered to transpose, reshape, slice,
// reduce_sum and matmul.
Status einsum(ConvertContext& ctx) {
  std::vector<Value*> operands;
  for (size_t i = 0; i < ctx.num_inputs(); ++i) {
    INGOT_ASSIGN_OR_RETURN(Value* operand, ctx.required_input(i));
    operands.push_back(operand);
  }
  if (operands.empty()) return ctx.unsupported("Einsum needs at least one operand");
  INGOT_ASSIGN_OR_RETURN(EinsumSpec spec, parse_einsum(ctx.attr_string("equation", ""), operands));
  INGOT_ASSIGN_OR_RETURN(std::vector<EinsumStep> steps, plan_einsum(spec, operands));
  if (steps.empty()) return ctx.bind_output(0, operands[0]);
  std::vector<Value*> values = operands;
  for (size_t i = 0; i < steps.size(); ++i) {
    std::vector<Value*> inputs;
    for (int id : steps[i].inputs) inputs.push_back(values[static_cast<size_t>(id)]);
    if (i + 1 == steps.size()) return ctx.emit_final(steps[i].op, std::move(inputs), steps[i].attrs);
    INGOT_ASSIGN_OR_RETURN(Value* value, ctx.emit(steps[i].op, std::move(inputs), steps[i].attrs));
    values.push_back(value);
  }
  return {};
}

}  // namespace

std::vector<ConverterEntry> linalg_converters() {
  using K = OpKind;
  return {
      {"Conv", conv, {K::conv}},
      {"ConvTranspose", conv_transpose, {K::conv_transpose}},
      {"MatMul", matmul, {K::matmul}},
      {"Gemm", gemm, {K::gemm}},
      {"Einsum", einsum, {K::transpose, K::reshape, K::slice, K::reduce_sum, K::matmul}},
      {"ConvInteger", conv_integer, {K::qconv, K::cast, K::sub, K::conv}},
      {"MatMulInteger", matmul_integer, {K::qmatmul, K::cast, K::mul, K::sub, K::matmul}},
      {"QLinearConv", qlinear_conv, {K::dequantize, K::mul, K::conv, K::quantize}},
      {"QLinearMatMul", qlinear_matmul, {K::dequantize, K::matmul, K::quantize}},
  };
}

}  // namespace ingot::onnx_import
