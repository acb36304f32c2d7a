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
  using K = OpKind;
  return {
      {"aten.add.Tensor", arithmetic<K::add>, {K::add, K::cast, K::mul}},
      {"aten.add.Scalar", arithmetic<K::add>, {K::add, K::cast, K::mul}},
      {"aten.sub.Tensor", arithmetic<K::sub>, {K::sub, K::cast, K::mul}},
      {"aten.sub.Scalar", arithmetic<K::sub>, {K::sub, K::cast, K::mul}},
      {"aten.rsub.Tensor", arithmetic<K::sub, true>, {K::sub, K::cast, K::mul}},
      {"aten.rsub.Scalar", arithmetic<K::sub, true>, {K::sub, K::cast, K::mul}},
      {"aten.mul.Tensor", arithmetic<K::mul>, {K::mul, K::cast}},
      {"aten.mul.Scalar", arithmetic<K::mul>, {K::mul, K::cast}},
      {"aten.div.Tensor", arithmetic<K::div>, {K::div, K::cast}},
      {"aten.div.Scalar", arithmetic<K::div>, {K::div, K::cast}},
      {"aten.div.Tensor_mode", div_mode, {K::div, K::cast, K::floor, K::abs, K::sign, K::mul}},
      {"aten.div.Scalar_mode", div_mode, {K::div, K::cast, K::floor, K::abs, K::sign, K::mul}},
      {"aten.pow.Tensor_Tensor", pow_op, {K::pow, K::cast}},
      {"aten.pow.Tensor_Scalar", pow_op, {K::pow, K::cast}},
      {"aten.pow.Scalar", pow_scalar_base, {K::expand, K::pow, K::cast}},
      {"aten.maximum.default", extremum<K::max>, {K::max, K::cast}},
      {"aten.minimum.default", extremum<K::min>, {K::min, K::cast}},
      {"aten.fmod.Tensor", remainder<1>, {K::mod, K::cast}},
      {"aten.fmod.Scalar", remainder<1>, {K::mod, K::cast}},
      {"aten.remainder.Tensor", remainder<0>, {K::mod, K::cast}},
      {"aten.remainder.Scalar", remainder<0>, {K::mod, K::cast}},
      {"aten.eq.Tensor", compare<K::equal>, {K::equal, K::cast}},
      {"aten.eq.Scalar", compare<K::equal>, {K::equal, K::cast}},
      {"aten.ne.Tensor", compare<K::equal, true>, {K::equal, K::cast, K::logical_not}},
      {"aten.ne.Scalar", compare<K::equal, true>, {K::equal, K::cast, K::logical_not}},
      {"aten.lt.Tensor", compare<K::less>, {K::less, K::cast}},
      {"aten.lt.Scalar", compare<K::less>, {K::less, K::cast}},
      {"aten.le.Tensor", compare<K::less_equal>, {K::less_equal, K::cast}},
      {"aten.le.Scalar", compare<K::less_equal>, {K::less_equal, K::cast}},
      {"aten.gt.Tensor", compare<K::greater>, {K::greater, K::cast}},
      {"aten.gt.Scalar", compare<K::greater>, {K::greater, K::cast}},
      {"aten.ge.Tensor", compare<K::greater_equal>, {K::greater_equal, K::cast}},
      {"aten.ge.Scalar", compare<K::greater_equal>, {K::greater_equal, K::cast}},
      {"aten.logical_and.default", logical<K::logical_and>, {K::logical_and, K::cast}},
      {"aten.logical_or.default", logical<K::logical_or>, {K::logical_or, K::cast}},
      {"aten.logical_xor.default", logical<K::logical_xor>, {K::logical_xor, K::cast}},
      {"aten.logical_not.default", logical_not, {K::logical_not, K::cast}},
      {"aten.bitwise_and.Tensor", bitwise<K::logical_and>, {K::logical_and, K::cast}},
      {"aten.bitwise_or.Tensor", bitwise<K::logical_or>, {K::logical_or, K::cast}},
      {"aten.bitwise_xor.Tensor", bitwise<K::logical_xor>, {K::logical_xor, K::cast}},
      {"aten.bitwise_and.Scalar", bitwise<K::logical_and>, {K::logical_and, K::cast}},
      {"aten.bitwise_or.Scalar", bitwise<K::logical_or>, {K::logical_or, K::cast}},
      {"aten.bitwise_xor.Scalar", bitwise<K::logical_xor>, {K::logical_xor, K::cast}},
      {"aten.bitwise_not.default", logical_not, {K::logical_not, K::cast}},
      {"aten.where.self", where, {K::where, K::cast}},
      {"aten.where.ScalarSelf", where, {K::where, K::cast}},
      {"aten.where.ScalarOther", where, {K::where, K::cast}},
      {"aten.where.Scalar", where, {K::where, K::cast}},
      {"aten.abs.default", unary<K::abs>, {K::abs, K::cast}},
      {"aten.neg.default", unary<K::neg>, {K::neg, K::cast}},
      {"aten.exp.default", unary<K::exp>, {K::exp, K::cast}},
      {"aten.log.default", unary<K::log>, {K::log, K::cast}},
      {"aten.sqrt.default", unary<K::sqrt>, {K::sqrt, K::cast}},
      {"aten.rsqrt.default", rsqrt, {K::sqrt, K::reciprocal, K::cast}},
      {"aten.reciprocal.default", unary<K::reciprocal>, {K::reciprocal, K::cast}},
      {"aten.sigmoid.default", unary<K::sigmoid>, {K::sigmoid, K::cast}},
      {"aten.tanh.default", unary<K::tanh>, {K::tanh, K::cast}},
      {"aten.erf.default", unary<K::erf>, {K::erf, K::cast}},
      {"aten.sin.default", unary<K::sin>, {K::sin, K::cast}},
      {"aten.cos.default", unary<K::cos>, {K::cos, K::cast}},
      {"aten.tan.default", unary<K::tan>, {K::tan, K::cast}},
      {"aten.asin.default", unary<K::asin>, {K::asin, K::cast}},
      {"aten.acos.default", unary<K::acos>, {K::acos, K::cast}},
      {"aten.atan.default", unary<K::atan>, {K::atan, K::cast}},
      {"aten.sinh.default", unary<K::sinh>, {K::sinh, K::cast}},
      {"aten.cosh.default", unary<K::cosh>, {K::cosh, K::cast}},
      {"aten.asinh.default", unary<K::asinh>, {K::asinh, K::cast}},
      {"aten.acosh.default", unary<K::acosh>, {K::acosh, K::cast}},
      {"aten.atanh.default", unary<K::atanh>, {K::atanh, K::cast}},
      {"aten.floor.default", unary<K::floor>, {K::floor, K::cast}},
      {"aten.ceil.default", unary<K::ceil>, {K::ceil, K::cast}},
      {"aten.round.default", round_op, {K::round, K::cast}},
      {"aten.round.decimals", round_op, {K::round, K::cast}},
      {"aten.trunc.default", trunc, {K::abs, K::floor, K::sign, K::mul}},
      {"aten.sign.default", unary<K::sign>, {K::sign, K::cast}},
      {"aten.isnan.default", unary<K::isnan>, {K::isnan}},
      {"aten.isinf.default", unary<K::isinf>, {K::isinf}},
      {"aten.expm1.default", expm1, {K::exp, K::sub, K::cast}},
      {"aten.log1p.default", log1p, {K::add, K::log, K::cast}},
      {"aten.log2.default", log_base<2>, {K::log, K::div, K::cast}},
      {"aten.log10.default", log_base<10>, {K::log, K::div, K::cast}},
      {"aten.exp2.default", exp2, {K::expand, K::pow, K::cast}},
  };
}

}  // namespace ingot::aten
