// ONNX elementwise ops: arithmetic, comparisons, logic, unary math, casts and
// activations.
#include <limits>

#include <fmt/format.h>

#include "importers/onnx/converters.h"
#include "importers/onnx/tensor_proto.h"

namespace ingot::onnx_import {
namespace {

template <OpKind kOp>
Status same_arity(ConvertContext& ctx) {
  std::vector<Value*> inputs;
  for (size_t i = 0; i < ctx.num_inputs(); ++i) {
    INGOT_ASSIGN_OR_RETURN(Value* input, ctx.required_input(i));
    inputs.push_back(input);
  }
  return ctx.emit_final(kOp, std::move(inputs));
}

// Sum, Max, Min take one or more operands: a left fold of the binary op.
Result<Value*> fold_variadic(ConvertContext& ctx, OpKind op) {
  INGOT_ASSIGN_OR_RETURN(Value* acc, ctx.required_input(0));
  for (size_t i = 1; i < ctx.num_inputs(); ++i) {
    INGOT_ASSIGN_OR_RETURN(Value* next, ctx.required_input(i));
    INGOT_ASSIGN_OR_RETURN(acc, ctx.emit(op, {acc, next}));
  }
  return acc;
}

template <OpKind kOp>
Status variadic(ConvertContext& ctx) {
  if (ctx.num_inputs() == 1) {
    INGOT_ASSIGN_OR_RETURN(Value* only, ctx.required_input(0));
    return ctx.emit_final(OpKind::copy, {only});
  }
  INGOT_ASSIGN_OR_RETURN(Value* acc, ctx.required_input(0));
  for (size_t i = 1; i + 1 < ctx.num_inputs(); ++i) {
    INGOT_ASSIGN_OR_RETURN(Value* next, ctx.required_input(i));
    INGOT_ASSIGN_OR_RETURN(acc, ctx.emit(kOp, {acc, next}));
  }
  INGOT_ASSIGN_OR_RETURN(Value* last, ctx.required_input(ctx.num_inputs() - 1));
  return ctx.emit_final(kOp, {acc, last});
}

Status mean(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* sum, fold_variadic(ctx, OpKind::add));
  Value* count = ctx.constant_scalar(sum->type().dtype, static_cast<double>(ctx.num_inputs()));
  return ctx.emit_final(OpKind::div, {sum, count});
}

Status mod(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* a, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* b, ctx.required_input(1));
  return ctx.emit_final(OpKind::mod, {a, b}, {{"fmod", ctx.attr_int("fmod", 0)}});
}

Status bit_shift(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* a, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* b, ctx.required_input(1));
  std::string direction = ctx.attr_string("direction", "");
  if (direction != "LEFT" && direction != "RIGHT") return ctx.unsupported("direction must be LEFT or RIGHT");
  return ctx.emit_final(direction == "LEFT" ? OpKind::shift_left : OpKind::shift_right, {a, b});
}

Status is_inf(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  return ctx.emit_final(OpKind::isinf, {x},
                        {{"detect_negative", ctx.attr_int("detect_negative", 1)},
                         {"detect_positive", ctx.attr_int("detect_positive", 1)}});
}

Status emit_cast(ConvertContext& ctx, Value* x, int32_t onnx_type) {
  std::optional<DType> to = dtype_from_onnx(onnx_type);
  if (!to) return ctx.unsupported(fmt::format("cast to {} is not supported", onnx_elem_type_name(onnx_type)));
  return ctx.emit_final(OpKind::cast, {x}, {{"to", std::string(dtype_name(*to))}});
}

Status cast(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  return emit_cast(ctx, x, static_cast<int32_t>(ctx.attr_int("to", 0)));
}

Status cast_like(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* like, ctx.required_input(1));
  return ctx.emit_final(OpKind::cast, {x}, {{"to", std::string(dtype_name(like->type().dtype))}});
}

// Identity, and Dropout at inference: the output is the input.
Status identity(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  if (ctx.op_type() == "Dropout") {
    // Opset 12+ takes training_mode as an operand; only a constant false is inference.
    if (ctx.input(2) != nullptr) {
      auto training = ctx.constant_floats(2);
      if (!training || training->empty() || training->front() != 0) return ctx.unsupported("dropout in training mode");
    }
    if (ctx.opset() < 7 && ctx.attr_int("is_test", 0) == 0) return ctx.unsupported("dropout in training mode (is_test=0)");
    // At inference nothing is dropped: the mask is all true.
    if (ctx.output_used(1)) INGOT_RETURN_IF_ERROR(ctx.bind_output(1, ctx.constant_scalar(DType::boolean, 1, x->type().shape)));
  }
  return ctx.bind_output(0, x);
}

// Clip: bounds are attributes before opset 11 and optional operands after.
// Constant bounds become attributes; run-time bounds become max/min.
Status clip(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (ctx.opset() < 11) {
    return ctx.emit_final(OpKind::clip, {x}, {{"min", ctx.attr_float("min", -kInf)}, {"max", ctx.attr_float("max", kInf)}});
  }
  Value* lo = ctx.input(1);
  Value* hi = ctx.input(2);
  auto lo_value = ctx.constant_floats(1);
  auto hi_value = ctx.constant_floats(2);
  bool lo_static = lo == nullptr || (lo_value && lo_value->size() == 1);
  bool hi_static = hi == nullptr || (hi_value && hi_value->size() == 1);
  if (lo_static && hi_static) {
    return ctx.emit_final(OpKind::clip, {x},
                          {{"min", lo ? lo_value->front() : -kInf}, {"max", hi ? hi_value->front() : kInf}});
  }
  Value* clipped = x;
  if (lo != nullptr) {
    if (hi == nullptr) return ctx.emit_final(OpKind::max, {x, lo});
    INGOT_ASSIGN_OR_RETURN(clipped, ctx.emit(OpKind::max, {x, lo}));
  }
  return ctx.emit_final(OpKind::min, {clipped, hi});
}

// An activation whose ONNX attributes map one to one onto ingot's, with the
// ONNX defaults made explicit.
struct ActivationAttr {
  const char* onnx_name;
  const char* ingot_name;
  double fallback;
};

template <OpKind kOp>
Status activation(ConvertContext& ctx, std::initializer_list<ActivationAttr> attrs) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  AttrMap map;
  for (const ActivationAttr& attr : attrs) map[attr.ingot_name] = ctx.attr_float(attr.onnx_name, attr.fallback);
  return ctx.emit_final(kOp, {x}, std::move(map));
}

Status leaky_relu(ConvertContext& ctx) { return activation<OpKind::leaky_relu>(ctx, {{"alpha", "alpha", 0.01}}); }
Status elu(ConvertContext& ctx) { return activation<OpKind::elu>(ctx, {{"alpha", "alpha", 1.0}}); }
Status celu(ConvertContext& ctx) { return activation<OpKind::celu>(ctx, {{"alpha", "alpha", 1.0}}); }
Status selu(ConvertContext& ctx) {
  return activation<OpKind::selu>(ctx, {{"alpha", "alpha", 1.67326319217681884765625},
                                        {"gamma", "gamma", 1.05070102214813232421875}});
}
Status hard_sigmoid(ConvertContext& ctx) {
  return activation<OpKind::hard_sigmoid>(ctx, {{"alpha", "alpha", 0.2}, {"beta", "beta", 0.5}});
}
Status thresholded_relu(ConvertContext& ctx) {
  return activation<OpKind::thresholded_relu>(ctx, {{"alpha", "alpha", 1.0}});
}
Status shrink(ConvertContext& ctx) {
  return activation<OpKind::shrink>(ctx, {{"lambd", "lambd", 0.5}, {"bias", "bias", 0.0}});
}

// Before opset 7 a 1-D slope of C values applies along the channel axis (1),
// not numpy-broadcast along the last: reshape it to [C, 1, ..., 1].
Status prelu(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* slope, ctx.required_input(1));
  const Shape& xs = x->type().shape;
  const Shape& ss = slope->type().shape;
  if (ctx.opset() < 7 && ss.size() == 1 && xs.size() > 2 && ss[0] == xs[1] && ss[0] != 1) {
    Shape channel(xs.size() - 1, 1);
    channel[0] = ss[0];
    INGOT_ASSIGN_OR_RETURN(slope, ctx.emit(OpKind::reshape, {slope}, {{"shape", channel}}));
  }
  return ctx.emit_final(OpKind::prelu, {x, slope});
}

Status gelu(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  return ctx.emit_final(OpKind::gelu, {x}, {{"approximate", ctx.attr_string("approximate", "none")}});
}

}  // namespace

std::vector<ConverterEntry> elementwise_converters() {
  using K = OpKind;
  return {
      {"Add", same_arity<K::add>, {K::add}},
      {"Sub", same_arity<K::sub>, {K::sub}},
      {"Mul", same_arity<K::mul>, {K::mul}},
      {"Div", same_arity<K::div>, {K::div}},
      {"Pow", same_arity<K::pow>, {K::pow}},
      {"Mod", mod, {K::mod}},
      {"BitShift", bit_shift, {K::shift_left, K::shift_right}},
      {"And", same_arity<K::logical_and>, {K::logical_and}},
      {"Or", same_arity<K::logical_or>, {K::logical_or}},
      {"Xor", same_arity<K::logical_xor>, {K::logical_xor}},
      {"Not", same_arity<K::logical_not>, {K::logical_not}},
      {"Equal", same_arity<K::equal>, {K::equal}},
      {"Less", same_arity<K::less>, {K::less}},
      {"LessOrEqual", same_arity<K::less_equal>, {K::less_equal}},
      {"Greater", same_arity<K::greater>, {K::greater}},
      {"GreaterOrEqual", same_arity<K::greater_equal>, {K::greater_equal}},
      {"Where", same_arity<K::where>, {K::where}},
      {"Sum", variadic<K::add>, {K::add, K::copy}},
      {"Max", variadic<K::max>, {K::max, K::copy}},
      {"Min", variadic<K::min>, {K::min, K::copy}},
      {"Mean", mean, {K::add, K::div}},
      {"Abs", same_arity<K::abs>, {K::abs}},
      {"Neg", same_arity<K::neg>, {K::neg}},
      {"Exp", same_arity<K::exp>, {K::exp}},
      {"Log", same_arity<K::log>, {K::log}},
      {"Sqrt", same_arity<K::sqrt>, {K::sqrt}},
      {"Reciprocal", same_arity<K::reciprocal>, {K::reciprocal}},
      {"Sigmoid", same_arity<K::sigmoid>, {K::sigmoid}},
      {"Tanh", same_arity<K::tanh>, {K::tanh}},
      {"Relu", same_arity<K::relu>, {K::relu}},
      {"Erf", same_arity<K::erf>, {K::erf}},
      {"Sin", same_arity<K::sin>, {K::sin}},
      {"Cos", same_arity<K::cos>, {K::cos}},
      {"Tan", same_arity<K::tan>, {K::tan}},
      {"Asin", same_arity<K::asin>, {K::asin}},
      {"Acos", same_arity<K::acos>, {K::acos}},
      {"Atan", same_arity<K::atan>, {K::atan}},
      {"Sinh", same_arity<K::sinh>, {K::sinh}},
      {"Cosh", same_arity<K::cosh>, {K::cosh}},
      {"Asinh", same_arity<K::asinh>, {K::asinh}},
      {"Acosh", same_arity<K::acosh>, {K::acosh}},
      {"Atanh", same_arity<K::atanh>, {K::atanh}},
      {"Floor", same_arity<K::floor>, {K::floor}},
      {"Ceil", same_arity<K::ceil>, {K::ceil}},
      {"Round", same_arity<K::round>, {K::round}},
      {"Sign", same_arity<K::sign>, {K::sign}},
      {"IsNaN", same_arity<K::isnan>, {K::isnan}},
      {"IsInf", is_inf, {K::isinf}},
      {"Cast", cast, {K::cast}},
      {"CastLike", cast_like, {K::cast}},
      {"Identity", identity, {}},
      {"Dropout", identity, {}},
      {"Clip", clip, {K::clip, K::max, K::min}},
      {"LeakyRelu", leaky_relu, {K::leaky_relu}},
      {"Elu", elu, {K::elu}},
      {"Selu", selu, {K::selu}},
      {"Celu", celu, {K::celu}},
      {"HardSigmoid", hard_sigmoid, {K::hard_sigmoid}},
      {"HardSwish", same_arity<K::hard_swish>, {K::hard_swish}},
      {"Gelu", gelu, {K::gelu}},
      {"Softplus", same_arity<K::softplus>, {K::softplus}},
      {"Softsign", same_arity<K::softsign>, {K::softsign}},
      {"ThresholdedRelu", thresholded_relu, {K::thresholded_relu}},
      {"Shrink", shrink, {K::shrink}},
      {"PRelu", prelu, {K::prelu, K::reshape}},
  };
}

}  // namespace ingot::onnx_import
