// Normalisation: softmax / log_softmax, layer_norm and native_layer_norm,
// batch norm in all its export forms. A batch norm exported in training mode
// (training=True) is imported for inference: it normalises with the running
// statistics, and the importer says so.
#include <fmt/format.h>

#include "importers/aten/converters.h"

namespace ingot::aten {
namespace {

template <OpKind kOp>
Status softmax(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim"));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(x, ctx.cast(x, dtype));  // half_to_float, dtype=
  if (x->type().rank() == 0) {
    // softmax of a scalar is 1, log_softmax 0.
    return ctx.bind_output(0, ctx.scalar(dtype, kOp == OpKind::softmax ? 1.0 : 0.0));
  }
  return ctx.emit_final(kOp, {x}, {{"axis", axis}});
}

Result<Value*> param_or(ConvertContext& ctx, std::string_view name, DType dtype, const Shape& shape, double fill) {
  INGOT_ASSIGN_OR_RETURN(Value* param, ctx.optional_tensor(name));
  if (param != nullptr) return ctx.cast(param, dtype);
  return ctx.constant(dtype, std::vector<double>(static_cast<size_t>(num_elements(shape)), fill), shape);
}

Status layer_norm(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("input"));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> normalized, ctx.ints_arg("normalized_shape"));
  INGOT_ASSIGN_OR_RETURN(double eps, ctx.float_arg("eps", 1e-5));
  for (size_t i = 1; i < ctx.num_outputs(); ++i) {
    if (ctx.output_used(i)) return Status::invalid("the mean and rstd outputs (training) are not supported");
  }
  const int64_t rank = x->type().rank();
  const int64_t count = static_cast<int64_t>(normalized.size());
  if (count == 0 || count > rank) return Status::invalid(fmt::format("normalized_shape has {} dims for a rank {} input", count, rank));
  Shape tail(x->type().shape.end() - count, x->type().shape.end());
  if (tail != Shape(normalized.begin(), normalized.end())) {
    return Status::invalid(fmt::format("normalized_shape [{}] is not the input's trailing dims [{}]", shape_to_string(normalized),
                                       shape_to_string(tail)));
  }
  const DType dtype = x->type().dtype;
  INGOT_ASSIGN_OR_RETURN(Value* scale, param_or(ctx, "weight", dtype, tail, 1.0));
  std::vector<Value*> inputs{x, scale};
  INGOT_ASSIGN_OR_RETURN(Value* bias, ctx.optional_tensor("bias"));
  if (bias != nullptr) {
    INGOT_ASSIGN_OR_RETURN(bias, ctx.cast(bias, dtype));
    inputs.push_back(bias);
  }
  return ctx.emit_final(OpKind::layer_norm, inputs, {{"axis", rank - count}, {"epsilon", eps}});
}

// Inference batch norm from the running statistics. `training` says whether
// the program asked for batch statistics; those outputs must go unused.
Status emit_batch_norm(ConvertContext& ctx, bool training) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("input"));
  INGOT_ASSIGN_OR_RETURN(double eps, ctx.float_arg("eps", 1e-5));
  for (size_t i = 1; i < ctx.num_outputs(); ++i) {
    if (ctx.output_used(i)) return Status::invalid("the saved statistics outputs (training) are not supported");
  }
  if (x->type().rank() < 2) return Status::invalid("the input must have rank 2 or more");
  const DType dtype = x->type().dtype;
  const Shape channels{x->type().shape[1]};
  INGOT_ASSIGN_OR_RETURN(Value* mean, ctx.optional_tensor("running_mean"));
  INGOT_ASSIGN_OR_RETURN(Value* var, ctx.optional_tensor("running_var"));
  if (mean == nullptr || var == nullptr) return Status::invalid("batch norm without running statistics is a training feature");
  if (training) {
    ctx.warn(fmt::format("node '{}' ({}): batch norm was exported in training mode; ingot normalises with the running "
                         "statistics (inference)", ctx.node().outputs.empty() ? "" : ctx.node().outputs[0].name, ctx.op()));
  }
  INGOT_ASSIGN_OR_RETURN(Value* scale, param_or(ctx, "weight", dtype, channels, 1.0));
  INGOT_ASSIGN_OR_RETURN(Value* bias, param_or(ctx, "bias", dtype, channels, 0.0));
  INGOT_ASSIGN_OR_RETURN(mean, ctx.cast(mean, dtype));
  INGOT_ASSIGN_OR_RETURN(var, ctx.cast(var, dtype));
  return ctx.emit_final(OpKind::batch_norm, {x, scale, bias, mean, var}, {{"epsilon", eps}});
}

Status batch_norm_no_training(ConvertContext& ctx) { return emit_batch_norm(ctx, false); }

// batch_norm, _native_batch_norm_legit, native_batch_norm,
// _native_batch_norm_legit_functional: a `training` flag.
Status batch_norm(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(bool training, ctx.bool_arg("training", false));
  return emit_batch_norm(ctx, training);
}

// group_norm: layer_norm over each group ([N, G, C/G * spatial]), then the
// per-channel weight and bias.
Status emit_group_norm(ConvertContext& ctx, int64_t groups, double eps) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("input"));
  for (size_t i = 1; i < ctx.num_outputs(); ++i) {
    if (ctx.output_used(i)) return Status::invalid("the mean and rstd outputs (training) are not supported");
  }
  const Shape& shape = x->type().shape;
  if (shape.size() < 2 || groups < 1 || shape[1] % groups != 0) {
    return Status::invalid(fmt::format("{} groups do not divide the channels of [{}]", groups, shape_to_string(shape)));
  }
  const DType dtype = x->type().dtype;
  const int64_t per_group = num_elements(shape) / std::max<int64_t>(shape[0] * groups, 1);
  INGOT_ASSIGN_OR_RETURN(Value* grouped, ctx.emit(OpKind::reshape, {x}, {{"shape", Shape{shape[0], groups, per_group}}}));
  Value* ones = ctx.constant(dtype, std::vector<double>(static_cast<size_t>(per_group), 1.0), {per_group});
  INGOT_ASSIGN_OR_RETURN(Value* normalized, ctx.emit(OpKind::layer_norm, {grouped, ones}, {{"axis", int64_t{2}}, {"epsilon", eps}}));
  INGOT_ASSIGN_OR_RETURN(Value* y, ctx.emit(OpKind::reshape, {normalized}, {{"shape", shape}}));
  Shape channel_shape(shape.size() - 1, 1);
  channel_shape[0] = shape[1];
  INGOT_ASSIGN_OR_RETURN(Value* weight, ctx.optional_tensor("weight"));
  INGOT_ASSIGN_OR_RETURN(Value* bias, ctx.optional_tensor("bias"));
  if (weight != nullptr) {
    INGOT_ASSIGN_OR_RETURN(weight, ctx.emit(OpKind::reshape, {weight}, {{"shape", channel_shape}}));
    if (bias == nullptr) return ctx.emit_final(OpKind::mul, {y, weight});
    INGOT_ASSIGN_OR_RETURN(y, ctx.emit(OpKind::mul, {y, weight}));
  }
  if (bias == nullptr) return ctx.bind_output(0, y);
  INGOT_ASSIGN_OR_RETURN(bias, ctx.emit(OpKind::reshape, {bias}, {{"shape", channel_shape}}));
  return ctx.emit_final(OpKind::add, {y, bias});
}

Status native_group_norm(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(int64_t groups, ctx.int_arg("group"));
  INGOT_ASSIGN_OR_RETURN(double eps, ctx.float_arg("eps"));
  return emit_group_norm(ctx, groups, eps);
}

Status group_norm(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(int64_t groups, ctx.int_arg("num_groups"));
  INGOT_ASSIGN_OR_RETURN(double eps, ctx.float_arg("eps", 1e-5));
  return emit_group_norm(ctx, groups, eps);
}

}  // namespace

std::vector<ConverterEntry> norm_converters() {
  using K = OpKind;
  return {
      {"aten._softmax.default", softmax<K::softmax>, {K::softmax, K::cast}},
      {"aten.softmax.int", softmax<K::softmax>, {K::softmax, K::cast}},
      {"aten._log_softmax.default", softmax<K::log_softmax>, {K::log_softmax, K::cast}},
      {"aten.log_softmax.int", softmax<K::log_softmax>, {K::log_softmax, K::cast}},
      {"aten.layer_norm.default", layer_norm, {K::layer_norm, K::cast}},
      {"aten.native_layer_norm.default", layer_norm, {K::layer_norm, K::cast}},
      {"aten._native_batch_norm_legit_no_training.default", batch_norm_no_training, {K::batch_norm, K::cast}},
      {"aten._native_batch_norm_legit.default", batch_norm, {K::batch_norm, K::cast}},
      {"aten._native_batch_norm_legit_functional.default", batch_norm, {K::batch_norm, K::cast}},
      {"aten.native_batch_norm.default", batch_norm, {K::batch_norm, K::cast}},
      {"aten.batch_norm.default", batch_norm, {K::batch_norm, K::cast}},
      {"aten.native_group_norm.default", native_group_norm, {K::reshape, K::layer_norm, K::mul, K::add}},
      {"aten.group_norm.default", group_norm, {K::reshape, K::layer_norm, K::mul, K::add}},
  };
}

}  // namespace ingot::aten
