// Activations: relu, relu6 / hardtanh / clamp (clip, or max / min for one
// bound), leaky_relu, elu, gelu, silu, hardswish, hardsigmoid, softplus,
// mish, prelu, selu, celu.
#include <fmt/format.h>

#include "importers/aten/converters.h"

namespace ingot::aten {
namespace {

Result<Value*> float_self(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  if (!is_float(x->type().dtype)) return Status::invalid(fmt::format("{} operands are not supported", dtype_name(x->type().dtype)));
  return x;
}

Status relu(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  return ctx.emit_final(OpKind::relu, {x});
}

Status clip(ConvertContext& ctx, Value* x, std::optional<double> low, std::optional<double> high) {
  if (low && high) return ctx.emit_final(OpKind::clip, {x}, {{"min", *low}, {"max", *high}});
  if (!low && !high) return ctx.bind_output(0, x);
  const DType dtype = x->type().dtype;
  return ctx.emit_final(low ? OpKind::max : OpKind::min, {x, ctx.scalar(dtype, low ? *low : *high)});
}

Status relu6(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  return clip(ctx, x, 0.0, 6.0);
}

Status hardtanh(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(double low, ctx.float_arg("min_val", -1.0));
  INGOT_ASSIGN_OR_RETURN(double high, ctx.float_arg("max_val", 1.0));
  return clip(ctx, x, low, high);
}

Status clamp(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  std::optional<double> low, high;
  if (ctx.arg("min") != nullptr) {
    INGOT_ASSIGN_OR_RETURN(low, ctx.float_arg("min"));
  }
  if (ctx.arg("max") != nullptr) {
    INGOT_ASSIGN_OR_RETURN(high, ctx.float_arg("max"));
  }
  return clip(ctx, x, low, high);
}

// clamp.Tensor: min / max are tensors (broadcast).
Status clamp_tensor(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(x, ctx.cast(x, dtype));
  INGOT_ASSIGN_OR_RETURN(Value* low, ctx.optional_tensor("min"));
  INGOT_ASSIGN_OR_RETURN(Value* high, ctx.optional_tensor("max"));
  if (low == nullptr && high == nullptr) return ctx.bind_output(0, x);
  if (low != nullptr) {
    INGOT_ASSIGN_OR_RETURN(low, ctx.cast(low, dtype));
    if (high == nullptr) return ctx.emit_final(OpKind::max, {x, low});
    INGOT_ASSIGN_OR_RETURN(x, ctx.emit(OpKind::max, {x, low}));
  }
  INGOT_ASSIGN_OR_RETURN(high, ctx.cast(high, dtype));
  return ctx.emit_final(OpKind::min, {x, high});
}

Status leaky_relu(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, float_self(ctx));
  INGOT_ASSIGN_OR_RETURN(double slope, ctx.float_arg("negative_slope", 0.01));
  return ctx.emit_final(OpKind::leaky_relu, {x}, {{"alpha", slope}});
}

Status elu(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, float_self(ctx));
  INGOT_ASSIGN_OR_RETURN(double alpha, ctx.float_arg("alpha", 1.0));
  INGOT_ASSIGN_OR_RETURN(double scale, ctx.float_arg("scale", 1.0));
  INGOT_ASSIGN_OR_RETURN(double input_scale, ctx.float_arg("input_scale", 1.0));
  if (input_scale != 1.0) return Status::invalid("elu with input_scale != 1 is not supported");
  if (scale == 1.0) return ctx.emit_final(OpKind::elu, {x}, {{"alpha", alpha}});
  return ctx.emit_final(OpKind::selu, {x}, {{"alpha", alpha}, {"gamma", scale}});
}

Status selu(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, float_self(ctx));
  return ctx.emit_final(OpKind::selu, {x}, {{"alpha", 1.6732632423543772848170429916717},
                                            {"gamma", 1.0507009873554804934193349852946}});
}

Status celu(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, float_self(ctx));
  INGOT_ASSIGN_OR_RETURN(double alpha, ctx.float_arg("alpha", 1.0));
  return ctx.emit_final(OpKind::celu, {x}, {{"alpha", alpha}});
}

Status gelu(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, float_self(ctx));
  INGOT_ASSIGN_OR_RETURN(std::string approximate, ctx.string_arg("approximate", "none"));
  if (approximate != "none" && approximate != "tanh") return Status::invalid(fmt::format("approximate='{}' is not none or tanh", approximate));
  return ctx.emit_final(OpKind::gelu, {x}, {{"approximate", approximate}});
}

// silu(x) = x * sigmoid(x): a core op of its own.
Status silu(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, float_self(ctx));
  return ctx.emit_final(OpKind::silu, {x});
}

Status hardswish(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, float_self(ctx));
  return ctx.emit_final(OpKind::hard_swish, {x});
}

Status hardsigmoid(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, float_self(ctx));
  return ctx.emit_final(OpKind::hard_sigmoid, {x}, {{"alpha", 1.0 / 6.0}, {"beta", 0.5}});
}

// softplus(x) = log(1 + e^(beta x)) / beta, and x where beta x > threshold.
Status softplus(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, float_self(ctx));
  INGOT_ASSIGN_OR_RETURN(double beta, ctx.float_arg("beta", 1.0));
  INGOT_ASSIGN_OR_RETURN(double threshold, ctx.float_arg("threshold", 20.0));
  const DType dtype = x->type().dtype;
  Value* scaled = x;
  if (beta != 1.0) {
    INGOT_ASSIGN_OR_RETURN(scaled, ctx.emit(OpKind::mul, {x, ctx.scalar(dtype, beta)}));
  }
  INGOT_ASSIGN_OR_RETURN(Value* smooth, ctx.emit(OpKind::softplus, {scaled}));
  if (beta != 1.0) {
    INGOT_ASSIGN_OR_RETURN(smooth, ctx.emit(OpKind::div, {smooth, ctx.scalar(dtype, beta)}));
  }
  INGOT_ASSIGN_OR_RETURN(Value* linear, ctx.emit(OpKind::greater, {scaled, ctx.scalar(dtype, threshold)}));
  return ctx.emit_final(OpKind::where, {linear, x, smooth});
}

// mish(x) = x * tanh(softplus(x))
Status mish(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, float_self(ctx));
  INGOT_ASSIGN_OR_RETURN(Value* smooth, ctx.emit(OpKind::softplus, {x}));
  INGOT_ASSIGN_OR_RETURN(Value* gate, ctx.emit(OpKind::tanh, {smooth}));
  return ctx.emit_final(OpKind::mul, {x, gate});
}

// prelu: the weight holds one slope, or one per channel (dim 1).
Status prelu(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, float_self(ctx));
  INGOT_ASSIGN_OR_RETURN(Value* weight, ctx.tensor("weight"));
  const int64_t count = num_elements(weight->type().shape);
  if (count != 1 && weight->type().rank() == 1 && x->type().rank() >= 2) {
    Shape slope_shape(static_cast<size_t>(x->type().rank() - 1), 1);
    slope_shape[0] = count;
    INGOT_ASSIGN_OR_RETURN(weight, ctx.emit(OpKind::reshape, {weight}, {{"shape", slope_shape}}));
  }
  return ctx.emit_final(OpKind::prelu, {x, weight});
}

}  // namespace

std::vector<ConverterEntry> activation_converters() {
  using K = OpKind;
  return {
      {"aten.relu.default", relu, {K::relu}},
      {"aten.relu_.default", relu, {K::relu}},
      {"aten.relu6.default", relu6, {K::clip, K::max, K::min}},
      {"aten.hardtanh.default", hardtanh, {K::clip, K::max, K::min}},
      {"aten.hardtanh_.default", hardtanh, {K::clip, K::max, K::min}},
      {"aten.clamp.default", clamp, {K::clip, K::max, K::min}},
      {"aten.clamp.Tensor", clamp_tensor, {K::cast, K::max, K::min}},
      {"aten.clip.default", clamp, {K::clip, K::max, K::min}},
      {"aten.leaky_relu.default", leaky_relu, {K::leaky_relu}},
      {"aten.elu.default", elu, {K::elu, K::selu}},
      {"aten.selu.default", selu, {K::selu}},
      {"aten.celu.default", celu, {K::celu}},
      {"aten.gelu.default", gelu, {K::gelu}},
      {"aten.silu.default", silu, {K::silu}},
      {"aten.silu_.default", silu, {K::silu}},
      {"aten.hardswish.default", hardswish, {K::hard_swish}},
      {"aten.hardsigmoid.default", hardsigmoid, {K::hard_sigmoid}},
      {"aten.softplus.default", softplus, {K::mul, K::softplus, K::div, K::greater, K::where}},
      {"aten.mish.default", mish, {K::softplus, K::tanh, K::mul}},
      {"aten.prelu.default", prelu, {K::reshape, K::prelu}},
      {"aten._prelu_kernel.default", prelu, {K::reshape, K::prelu}},
  };
}

}  // namespace ingot::aten
