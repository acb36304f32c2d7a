// Elementwise ATen ops: arithmetic (.Tensor and .Scalar forms, alpha),
// comparisons, logical ops, where, and the plain unary ops. Operands are cast
// to the dtype torch recorded for the result, so type promotion (an int
// tensor divided by an int is a float) is torch's, not ingot's guess.
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "importers/aten/converters.h"

namespace ingot::aten {
namespace {

// An operand that may be a tensor or a Scalar, as a value of `dtype`.
Result<Value*> operand(ConvertContext& ctx, std::string_view name, DType dtype) {
  INGOT_ASSIGN_OR_RETURN(std::optional<double> scalar, ctx.scalar_arg(name));
  if (scalar) return ctx.scalar(dtype, *scalar);
  INGOT_ASSIGN_OR_RETURN(Value* value, ctx.tensor(name));
  return ctx.cast(value, dtype);
}

// The dtype two operands (tensor or Scalar) meet in, for comparisons.
Result<DType> compare_dtype(ConvertContext& ctx, std::string_view a, std::string_view b) {
  std::optional<DType> dtype;
  bool float_scalar = false;
  for (std::string_view name : {a, b}) {
    INGOT_ASSIGN_OR_RETURN(std::optional<double> scalar, ctx.scalar_arg(name));
    if (scalar) {
      const Argument* arg = ctx.arg(name);
      float_scalar = float_scalar || arg->kind == Argument::Kind::real;
      continue;
    }
    INGOT_ASSIGN_OR_RETURN(Value* value, ctx.tensor(name));
    dtype = dtype ? promote(*dtype, value->type().dtype) : value->type().dtype;
  }
  if (!dtype) return Status::invalid("a comparison needs a tensor operand");
  if (float_scalar && !is_float(*dtype)) return DType::f32;
  return *dtype;
}

// a op b, with b scaled by `alpha` when the op has one (add, sub, rsub).
template <OpKind kOp, bool kReversed = false>
Status arithmetic(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(Value* a, operand(ctx, "self", dtype));
  INGOT_ASSIGN_OR_RETURN(Value* b, operand(ctx, "other", dtype));
  INGOT_ASSIGN_OR_RETURN(double alpha, ctx.float_arg("alpha", 1.0));
  if (kReversed) std::swap(a, b);  // rsub: other - alpha * self
  if (alpha != 1.0) {
    if (kOp != OpKind::add && kOp != OpKind::sub) return Status::invalid("alpha is only defined for add and sub");
    INGOT_ASSIGN_OR_RETURN(b, ctx.emit(OpKind::mul, {b, ctx.scalar(dtype, alpha)}));
  }
  return ctx.emit_final(kOp, {a, b});
}

// div with rounding_mode None, "trunc" or "floor".
Status div_mode(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(std::string mode, ctx.string_arg("rounding_mode", ""));
  const Argument* mode_arg = ctx.arg("rounding_mode");
  if (mode_arg == nullptr) mode = "";
  if (mode.empty()) return arithmetic<OpKind::div>(ctx);
  if (!is_float(dtype)) {
    if (mode == "trunc") return arithmetic<OpKind::div>(ctx);  // integer division truncates
    return Status::invalid("floor division of integers is not supported");
  }
  INGOT_ASSIGN_OR_RETURN(Value* a, operand(ctx, "self", dtype));
  INGOT_ASSIGN_OR_RETURN(Value* b, operand(ctx, "other", dtype));
  INGOT_ASSIGN_OR_RETURN(Value* q, ctx.emit(OpKind::div, {a, b}));
  if (mode == "floor") return ctx.emit_final(OpKind::floor, {q});
  if (mode != "trunc") return Status::invalid(fmt::format("rounding_mode '{}' is not trunc or floor", mode));
  // trunc(q) = sign(q) * floor(|q|)
  INGOT_ASSIGN_OR_RETURN(Value* magnitude, ctx.emit(OpKind::abs, {q}));
  INGOT_ASSIGN_OR_RETURN(Value* floored, ctx.emit(OpKind::floor, {magnitude}));
  INGOT_ASSIGN_OR_RETURN(Value* sign, ctx.emit(OpKind::sign, {q}));
  return ctx.emit_final(OpKind::mul, {sign, floored});
}

Status pow_op(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(Value* base, operand(ctx, "self", dtype));
  INGOT_ASSIGN_OR_RETURN(Value* exponent, operand(ctx, "exponent", dtype));
  return ctx.emit_final(OpKind::pow, {base, exponent});
}

// pow.Scalar: a Scalar base raised to a tensor.
Status pow_scalar_base(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(Value* base, operand(ctx, "self", dtype));
  INGOT_ASSIGN_OR_RETURN(Value* exponent, operand(ctx, "exponent", dtype));
  INGOT_ASSIGN_OR_RETURN(Value* shaped, ctx.emit(OpKind::expand, {base}, {{"shape", exponent->type().shape}}));
  return ctx.emit_final(OpKind::pow, {shaped, exponent});
}

template <OpKind kOp, bool kNegate = false>
Status compare(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, compare_dtype(ctx, "self", "other"));
  INGOT_ASSIGN_OR_RETURN(Value* a, operand(ctx, "self", dtype));
  INGOT_ASSIGN_OR_RETURN(Value* b, operand(ctx, "other", dtype));
  if (!kNegate) return ctx.emit_final(kOp, {a, b});
  INGOT_ASSIGN_OR_RETURN(Value* same, ctx.emit(kOp, {a, b}));
  return ctx.emit_final(OpKind::logical_not, {same});
}

// min/max of two tensors (maximum, minimum, fmax, fmin).
template <OpKind kOp>
Status extremum(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(Value* a, operand(ctx, "self", dtype));
  INGOT_ASSIGN_OR_RETURN(Value* b, operand(ctx, "other", dtype));
  return ctx.emit_final(kOp, {a, b});
}

template <int64_t kFmod>
Status remainder(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(Value* a, operand(ctx, "self", dtype));
  INGOT_ASSIGN_OR_RETURN(Value* b, operand(ctx, "other", dtype));
  return ctx.emit_final(OpKind::mod, {a, b}, {{"fmod", kFmod}});
}

template <OpKind kOp>
Status logical(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* a, operand(ctx, "self", DType::boolean));
  INGOT_ASSIGN_OR_RETURN(Value* b, operand(ctx, "other", DType::boolean));
  INGOT_ASSIGN_OR_RETURN(DType out, ctx.output_dtype());
  if (out == DType::boolean) return ctx.emit_final(kOp, {a, b});
  INGOT_ASSIGN_OR_RETURN(Value* result, ctx.emit(kOp, {a, b}));
  return ctx.emit_final(OpKind::cast, {result}, {{"to", std::string(dtype_name(out))}});
}

// bitwise ops are logical ones on bool tensors.
template <OpKind kOp>
Status bitwise(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType out, ctx.output_dtype());
  if (out != DType::boolean) return Status::invalid("bitwise ops are supported on bool tensors only");
  return logical<kOp>(ctx);
}

Status logical_not(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(x, ctx.cast(x, DType::boolean));
  INGOT_ASSIGN_OR_RETURN(DType out, ctx.output_dtype());
  if (out == DType::boolean) return ctx.emit_final(OpKind::logical_not, {x});
  INGOT_ASSIGN_OR_RETURN(Value* result, ctx.emit(OpKind::logical_not, {x}));
  return ctx.emit_final(OpKind::cast, {result}, {{"to", std::string(dtype_name(out))}});
}

Status where(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(Value* condition, ctx.tensor("condition"));
  INGOT_ASSIGN_OR_RETURN(condition, ctx.cast(condition, DType::boolean));
  INGOT_ASSIGN_OR_RETURN(Value* a, operand(ctx, "self", dtype));
  INGOT_ASSIGN_OR_RETURN(Value* b, operand(ctx, "other", dtype));
  return ctx.emit_final(OpKind::where, {condition, a, b});
}

// Unary ops that map one to one, computed in the result's dtype.
template <OpKind kOp>
Status unary(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  if (kOp == OpKind::isnan) return ctx.emit_final(kOp, {x});
  if (kOp == OpKind::isinf) return ctx.emit_final(kOp, {x}, {{"detect_negative", int64_t{1}}, {"detect_positive", int64_t{1}}});
  INGOT_ASSIGN_OR_RETURN(x, ctx.cast(x, dtype));
  return ctx.emit_final(kOp, {x});
}

Status rsqrt(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(x, ctx.cast(x, dtype));
  INGOT_ASSIGN_OR_RETURN(Value* root, ctx.emit(OpKind::sqrt, {x}));
  return ctx.emit_final(OpKind::reciprocal, {root});
}

// expm1 = exp(x) - 1, log1p = log(x + 1), log2 / log10 = log(x) / ln(base), exp2 = 2^x.
Status expm1(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(x, ctx.cast(x, dtype));
  INGOT_ASSIGN_OR_RETURN(Value* e, ctx.emit(OpKind::exp, {x}));
  return ctx.emit_final(OpKind::sub, {e, ctx.scalar(dtype, 1)});
}

Status log1p(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(x, ctx.cast(x, dtype));
  INGOT_ASSIGN_OR_RETURN(Value* shifted, ctx.emit(OpKind::add, {x, ctx.scalar(dtype, 1)}));
  return ctx.emit_final(OpKind::log, {shifted});
}

template <int kBase>
Status log_base(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(x, ctx.cast(x, dtype));
  INGOT_ASSIGN_OR_RETURN(Value* ln, ctx.emit(OpKind::log, {x}));
  return ctx.emit_final(OpKind::div, {ln, ctx.scalar(dtype, std::log(static_cast<double>(kBase)))});
}

Status exp2(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(x, ctx.cast(x, dtype));
  INGOT_ASSIGN_OR_RETURN(Value* two, ctx.emit(OpKind::expand, {ctx.scalar(dtype, 2)}, {{"shape", x->type().shape}}));
  return ctx.emit_final(OpKind::pow, {two, x});
}

// trunc(x) = sign(x) * floor(|x|)
Status trunc(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  if (!is_float(x->type().dtype)) return ctx.bind_output(0, x);
  INGOT_ASSIGN_OR_RETURN(Value* magnitude, ctx.emit(OpKind::abs, {x}));
  INGOT_ASSIGN_OR_RETURN(Value* floored, ctx.emit(OpKind::floor, {magnitude}));
  INGOT_ASSIGN_OR_RETURN(Value* sign, ctx.emit(OpKind::sign, {x}));
  return ctx.emit_final(OpKind::mul, {sign, floored});
}

Status round_op(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(int64_t decimals, ctx.int_arg("decimals", 0));
  if (decimals != 0) return Status::invalid("round with decimals is not supported");
  return unary<OpKind::round>(ctx);
}

}  // namespace

std::vector<ConverterEntry> elementwise_converters() {
  return {
      {"aten.add.Tensor", arithmetic<OpKind::add>},
      {"aten.add.Scalar", arithmetic<OpKind::add>},
      {"aten.sub.Tensor", arithmetic<OpKind::sub>},
      {"aten.sub.Scalar", arithmetic<OpKind::sub>},
      {"aten.rsub.Tensor", arithmetic<OpKind::sub, true>},
      {"aten.rsub.Scalar", arithmetic<OpKind::sub, true>},
      {"aten.mul.Tensor", arithmetic<OpKind::mul>},
      {"aten.mul.Scalar", arithmetic<OpKind::mul>},
      {"aten.div.Tensor", arithmetic<OpKind::div>},
      {"aten.div.Scalar", arithmetic<OpKind::div>},
      {"aten.div.Tensor_mode", div_mode},
      {"aten.div.Scalar_mode", div_mode},
      {"aten.pow.Tensor_Tensor", pow_op},
      {"aten.pow.Tensor_Scalar", pow_op},
      {"aten.pow.Scalar", pow_scalar_base},
      {"aten.maximum.default", extremum<OpKind::max>},
      {"aten.minimum.default", extremum<OpKind::min>},
      {"aten.fmod.Tensor", remainder<1>},
      {"aten.fmod.Scalar", remainder<1>},
      {"aten.remainder.Tensor", remainder<0>},
      {"aten.remainder.Scalar", remainder<0>},
      {"aten.eq.Tensor", compare<OpKind::equal>},
      {"aten.eq.Scalar", compare<OpKind::equal>},
      {"aten.ne.Tensor", compare<OpKind::equal, true>},
      {"aten.ne.Scalar", compare<OpKind::equal, true>},
      {"aten.lt.Tensor", compare<OpKind::less>},
      {"aten.lt.Scalar", compare<OpKind::less>},
      {"aten.le.Tensor", compare<OpKind::less_equal>},
      {"aten.le.Scalar", compare<OpKind::less_equal>},
      {"aten.gt.Tensor", compare<OpKind::greater>},
      {"aten.gt.Scalar", compare<OpKind::greater>},
      {"aten.ge.Tensor", compare<OpKind::greater_equal>},
      {"aten.ge.Scalar", compare<OpKind::greater_equal>},
      {"aten.logical_and.default", logical<OpKind::logical_and>},
      {"aten.logical_or.default", logical<OpKind::logical_or>},
      {"aten.logical_xor.default", logical<OpKind::logical_xor>},
      {"aten.logical_not.default", logical_not},
      {"aten.bitwise_and.Tensor", bitwise<OpKind::logical_and>},
      {"aten.bitwise_or.Tensor", bitwise<OpKind::logical_or>},
      {"aten.bitwise_xor.Tensor", bitwise<OpKind::logical_xor>},
      {"aten.bitwise_and.Scalar", bitwise<OpKind::logical_and>},
      {"aten.bitwise_or.Scalar", bitwise<OpKind::logical_or>},
      {"aten.bitwise_xor.Scalar", bitwise<OpKind::logical_xor>},
      {"aten.bitwise_not.default", logical_not},
      {"aten.where.self", where},
      {"aten.where.ScalarSelf", where},
      {"aten.where.ScalarOther", where},
      {"aten.where.Scalar", where},
      {"aten.abs.default", unary<OpKind::abs>},
      {"aten.neg.default", unary<OpKind::neg>},
      {"aten.exp.default", unary<OpKind::exp>},
      {"aten.log.default", unary<OpKind::log>},
      {"aten.sqrt.default", unary<OpKind::sqrt>},
      {"aten.rsqrt.default", rsqrt},
      {"aten.reciprocal.default", unary<OpKind::reciprocal>},
      {"aten.sigmoid.default", unary<OpKind::sigmoid>},
      {"aten.tanh.default", unary<OpKind::tanh>},
      {"aten.erf.default", unary<OpKind::erf>},
      {"aten.sin.default", unary<OpKind::sin>},
      {"aten.cos.default", unary<OpKind::cos>},
      {"aten.tan.default", unary<OpKind::tan>},
      {"aten.asin.default", unary<OpKind::asin>},
      {"aten.acos.default", unary<OpKind::acos>},
      {"aten.atan.default", unary<OpKind::atan>},
      {"aten.sinh.default", unary<OpKind::sinh>},
      {"aten.cosh.default", unary<OpKind::cosh>},
      {"aten.asinh.default", unary<OpKind::asinh>},
      {"aten.acosh.default", unary<OpKind::acosh>},
      {"aten.atanh.default", unary<OpKind::atanh>},
      {"aten.floor.default", unary<OpKind::floor>},
      {"aten.ceil.default", unary<OpKind::ceil>},
      {"aten.round.default", round_op},
      {"aten.round.decimals", round_op},
      {"aten.trunc.default", trunc},
      {"aten.sign.default", unary<OpKind::sign>},
      {"aten.isnan.default", unary<OpKind::isnan>},
      {"aten.isinf.default", unary<OpKind::isinf>},
      {"aten.expm1.default", expm1},
      {"aten.log1p.default", log1p},
      {"aten.log2.default", log_base<2>},
      {"aten.log10.default", log_base<10>},
      {"aten.exp2.default", exp2},
  };
}

}  // namespace ingot::aten
