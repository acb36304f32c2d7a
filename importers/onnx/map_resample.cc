// ONNX Resize (opsets 10, 11, 13), the deprecated Upsample (opsets 1-9) and
// GridSample (opset 16).
//
// Constant scales become the `scales` attribute; constant sizes become scales
// too (out / in per dim). Scales or sizes known only at run time stay an
// operand and the output type is ONNX's inferred one.
//
// Upsample and Resize-10 predate coordinate_transformation_mode: they map onto
// `asymmetric` (x_in = x_out / scale) with `floor` for nearest, the classic
// nearest-neighbour of TensorFlow and PyTorch, which onnxruntime also uses for
// upsampling.
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "importers/onnx/converters.h"

namespace ingot::onnx_import {
namespace {

// The f32 scale whose product with `in` floors to `out` in f32 (the resize
// shape rule's arithmetic): out / in, nudged by an ulp when rounding gets in
// the way. nullopt when no f32 scale gives `out`.
std::optional<double> scale_for_size(int64_t in, int64_t out) {
  float scale = static_cast<float>(static_cast<double>(out) / static_cast<double>(in));
  for (int step = 0; step < 4; ++step) {
    float got = std::floor(static_cast<float>(in) * scale);
    if (got == static_cast<float>(out)) return scale;
    scale = std::nextafter(scale, got < static_cast<float>(out) ? std::numeric_limits<float>::infinity() : 0.0f);
  }
  return std::nullopt;
}

Result<std::vector<double>> scales_from_sizes(const Shape& in, const std::vector<int64_t>& sizes) {
  if (sizes.size() != in.size()) {
    return Status::invalid(fmt::format("sizes must have {} entries, one per dim, not {}", in.size(), sizes.size()));
  }
  std::vector<double> scales;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (in[i] < 1) return Status::invalid(fmt::format("dim {} is empty and cannot be resized", i));
    if (sizes[i] < 1 || sizes[i] > kMaxElements) return Status::invalid(fmt::format("size {} of dim {} is out of range", sizes[i], i));
    std::optional<double> scale = scale_for_size(in[i], sizes[i]);
    if (!scale) return Status::invalid(fmt::format("size {} of dim {} has no f32 scale", sizes[i], i));
    scales.push_back(*scale);
  }
  return scales;
}

// An optional operand that is absent or holds no element (opset 11 passes an
// empty scales tensor when it gives sizes).
bool absent(const Value* value) { return value == nullptr || num_elements(value->type().shape) == 0; }

// The run-time form needs ONNX to know the output type.
Status check_inferred(const ConvertContext& ctx) {
  if (ctx.inferred_output_type(0)) return {};
  return Status::invalid("the output shape depends on run-time scales or sizes and ONNX cannot infer it");
}

// Sets the scales attribute or picks the scales/sizes operand.
Status resolve_scales(ConvertContext& ctx, size_t scales_index, size_t sizes_index, AttrMap& attrs,
                      std::vector<Value*>& operands) {
  Value* x = operands[0];
  Value* scales = ctx.input(scales_index);
  Value* sizes = sizes_index < ctx.num_inputs() ? ctx.input(sizes_index) : nullptr;
  if (!absent(scales) && !absent(sizes)) return Status::invalid("only one of scales and sizes may be given");
  if (!absent(scales)) {
    if (auto values = ctx.constant_floats(scales_index)) {
      attrs["scales"] = *values;
      return {};
    }
    INGOT_RETURN_IF_ERROR(check_inferred(ctx));
    operands[1] = scales;
    return {};
  }
  if (absent(sizes)) return Status::invalid("one of scales and sizes must be given");
  if (auto values = ctx.constant_ints(sizes_index)) {
    INGOT_ASSIGN_OR_RETURN(attrs["scales"], scales_from_sizes(x->type().shape, *values));
    return {};
  }
  INGOT_RETURN_IF_ERROR(check_inferred(ctx));
  operands[2] = sizes;
  return {};
}

// A constant roi for tf_crop_and_resize ([starts..., ends...]).
Status resolve_roi(ConvertContext& ctx, AttrMap& attrs) {
  if (std::get<std::string>(attrs["coordinate_transformation_mode"]) != "tf_crop_and_resize") return {};
  if (absent(ctx.input(1))) return Status::invalid("tf_crop_and_resize needs a roi");
  std::optional<std::vector<double>> roi = ctx.constant_floats(1);
  if (!roi) return Status::invalid("a roi known only at run time is not supported");
  attrs["roi"] = *roi;
  return {};
}

// Trailing absent operands are dropped so the node prints as it reads.
std::vector<Value*> trimmed(std::vector<Value*> operands) {
  while (operands.size() > 1 && operands.back() == nullptr) operands.pop_back();
  return operands;
}

AttrMap legacy_attrs(const std::string& mode) {
  return {{"mode", mode == "bilinear" ? std::string("linear") : mode},
          {"coordinate_transformation_mode", std::string("asymmetric")},
          {"nearest_mode", std::string("floor")},
          {"cubic_coeff_a", -0.75},
          {"exclude_outside", int64_t{0}},
          {"extrapolation_value", 0.0}};
}

Status resize(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  std::vector<Value*> operands{x, nullptr, nullptr};
  if (ctx.opset() < 11) {
    AttrMap attrs = legacy_attrs(ctx.attr_string("mode", "nearest"));
    INGOT_RETURN_IF_ERROR(resolve_scales(ctx, 1, ctx.num_inputs(), attrs, operands));
    return ctx.emit_final(OpKind::resize, trimmed(std::move(operands)), std::move(attrs));
  }
  AttrMap attrs{{"mode", ctx.attr_string("mode", "nearest")},
                {"coordinate_transformation_mode", ctx.attr_string("coordinate_transformation_mode", "half_pixel")},
                {"nearest_mode", ctx.attr_string("nearest_mode", "round_prefer_floor")},
                {"cubic_coeff_a", ctx.attr_float("cubic_coeff_a", -0.75)},
                {"exclude_outside", ctx.attr_int("exclude_outside", 0)},
                {"extrapolation_value", ctx.attr_float("extrapolation_value", 0.0)}};
  INGOT_RETURN_IF_ERROR(resolve_roi(ctx, attrs));
  INGOT_RETURN_IF_ERROR(resolve_scales(ctx, 2, 3, attrs, operands));
  return ctx.emit_final(OpKind::resize, trimmed(std::move(operands)), std::move(attrs));
}

// Upsample: scales are height_scale/width_scale attributes (opset 1, 4-D
// only), a scales attribute (opset 7) or an operand (opset 9).
Status upsample(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  AttrMap attrs = legacy_attrs(ctx.attr_string("mode", "nearest"));
  std::vector<Value*> operands{x, nullptr, nullptr};
  if (ctx.has_attr("height_scale") || ctx.has_attr("width_scale")) {
    if (x->type().rank() != 4) return ctx.unsupported("height_scale and width_scale need a 4-D input");
    attrs["scales"] = std::vector<double>{1.0, 1.0, ctx.attr_float("height_scale", 1.0), ctx.attr_float("width_scale", 1.0)};
  } else if (ctx.has_attr("scales")) {
    attrs["scales"] = ctx.attr_floats("scales");
  } else {
    INGOT_RETURN_IF_ERROR(resolve_scales(ctx, 1, ctx.num_inputs(), attrs, operands));
  }
  return ctx.emit_final(OpKind::resize, trimmed(std::move(operands)), std::move(attrs));
}

// GridSample: the attributes with their defaults made explicit.
Status grid_sample(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* grid, ctx.required_input(1));
  AttrMap attrs{{"mode", ctx.attr_string("mode", "bilinear")},
                {"padding_mode", ctx.attr_string("padding_mode", "zeros")},
                {"align_corners", ctx.attr_int("align_corners", 0)}};
  return ctx.emit_final(OpKind::grid_sample, {x, grid}, std::move(attrs));
}

}  // namespace

std::vector<ConverterEntry> resample_converters() {
  using K = OpKind;
  return {
      {"Resize", resize, {K::resize}},
      {"Upsample", upsample, {K::resize}},
      {"GridSample", grid_sample, {K::grid_sample}},
  };
}

}  // namespace ingot::onnx_import
