// ONNX QuantizeLinear, DequantizeLinear and DynamicQuantizeLinear. The
// integer and quantized products (ConvInteger, QLinearConv, ...) live in
// map_linalg.cc next to the convolutions they lower to.
#include <numeric>

#include <fmt/format.h>

#include "importers/onnx/converters.h"

namespace ingot::onnx_import {
namespace {

// The core op's axis: 0 for a per-tensor scale (one element), else ONNX's
// axis (default 1, absent before opset 13) made non-negative.
Result<int64_t> quant_axis(const ConvertContext& ctx, const Value* x, const Value* scale) {
  const Shape& shape = scale->type().shape;
  if (shape.empty() || shape == Shape{1}) return int64_t{0};
  if (ctx.opset() < 13) return Status::invalid("a per-axis scale needs opset 13 or later");
  int64_t axis = ctx.attr_int("axis", 1);
  int64_t rank = x->type().rank();
  int64_t normalized = axis < 0 ? axis + rank : axis;
  if (normalized < 0 || normalized >= rank) return Status::invalid(fmt::format("axis {} is out of range for rank {}", axis, rank));
  return normalized;
}

template <OpKind kOp>
Status quantize_linear(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* scale, ctx.required_input(1));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, quant_axis(ctx, x, scale));
  std::vector<Value*> operands{x, scale};
  if (Value* zero_point = ctx.input(2)) operands.push_back(zero_point);
  return ctx.emit_final(kOp, std::move(operands), {{"axis", axis}});
}

// DynamicQuantizeLinear, as the function body in the ONNX spec defines it
// (u8 output, range widened to include 0):
//   scale = (max(reduce_max(x), 0) - min(reduce_min(x), 0)) / 255
//   zero_point = cast<u8>(round(clip(0 - min(reduce_min(x), 0) / scale, 0, 255)))
//   y = quantize(x, scale, zero_point)
Status dynamic_quantize_linear(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  if (x->type().dtype != DType::f32) return ctx.unsupported("DynamicQuantizeLinear takes an f32 input");
  std::vector<int64_t> all_axes(static_cast<size_t>(x->type().rank()));
  std::iota(all_axes.begin(), all_axes.end(), 0);
  const AttrMap reduce_all{{"axes", all_axes}, {"keepdims", int64_t{0}}};
  Value* zero = ctx.constant_scalar(DType::f32, 0.0);
  Value* q_max = ctx.constant_scalar(DType::f32, 255.0);
  INGOT_ASSIGN_OR_RETURN(Value* x_min, ctx.emit(OpKind::reduce_min, {x}, reduce_all));
  INGOT_ASSIGN_OR_RETURN(Value* x_max, ctx.emit(OpKind::reduce_max, {x}, reduce_all));
  INGOT_ASSIGN_OR_RETURN(x_min, ctx.emit(OpKind::min, {x_min, zero}));
  INGOT_ASSIGN_OR_RETURN(x_max, ctx.emit(OpKind::max, {x_max, zero}));
  INGOT_ASSIGN_OR_RETURN(Value* range, ctx.emit(OpKind::sub, {x_max, x_min}));
  INGOT_ASSIGN_OR_RETURN(Value* scale, ctx.emit(OpKind::div, {range, q_max}));
  INGOT_ASSIGN_OR_RETURN(Value* min_scaled, ctx.emit(OpKind::div, {x_min, scale}));
  INGOT_ASSIGN_OR_RETURN(Value* initial, ctx.emit(OpKind::sub, {zero, min_scaled}));
  INGOT_ASSIGN_OR_RETURN(Value* clipped, ctx.emit(OpKind::clip, {initial}, {{"min", 0.0}, {"max", 255.0}}));
  INGOT_ASSIGN_OR_RETURN(Value* rounded, ctx.emit(OpKind::round, {clipped}));
  INGOT_ASSIGN_OR_RETURN(Value* zero_point, ctx.emit(OpKind::cast, {rounded}, {{"to", std::string("u8")}}));
  INGOT_RETURN_IF_ERROR(ctx.emit_final(OpKind::quantize, {x, scale, zero_point}, {{"axis", int64_t{0}}}));
  INGOT_RETURN_IF_ERROR(ctx.bind_output(1, scale));
  return ctx.bind_output(2, zero_point);
}

}  // namespace

std::vector<ConverterEntry> quant_converters() {
  using K = OpKind;
  return {
      {"QuantizeLinear", quantize_linear<K::quantize>, {K::quantize}},
      {"DequantizeLinear", quantize_linear<K::dequantize>, {K::dequantize}},
      {"DynamicQuantizeLinear", dynamic_quantize_linear,
       {K::reduce_min, K::reduce_max, K::min, K::max, K::sub, K::div, K::clip, K::round, K::cast, K::quantize}},
  };
}

}  // namespace ingot::onnx_import
