// ONNX normalisation ops: Softmax, LogSoftmax, Hardmax (decomposed),
// LayerNormalization, BatchNormalization (inference), InstanceNormalization,
// LRN and MeanVarianceNormalization (decomposed).
#include <algorithm>

#include <fmt/format.h>

#include "importers/onnx/converters.h"
#include "importers/onnx/tensor_proto.h"
#include "ir/ops/shape_util.h"

namespace ingot::onnx_import {
namespace {

int64_t product(const Shape& shape, size_t begin, size_t end) {
  int64_t result = 1;
  for (size_t i = begin; i < end; ++i) result *= shape[i];
  return result;
}

std::vector<int64_t> axes_from(int64_t first, int64_t rank) {
  std::vector<int64_t> axes;
  for (int64_t i = first; i < rank; ++i) axes.push_back(i);
  return axes;
}

Result<Value*> emit_cast(ConvertContext& ctx, Value* x, DType to) {
  if (x->type().dtype == to) return x;
  return ctx.emit(OpKind::cast, {x}, {{"to", std::string(dtype_name(to))}});
}

// Before opset 13, Softmax, LogSoftmax and Hardmax coerce the input to 2-D
// at `axis` ([0, axis) and [axis, rank) flattened) and work along the second
// dim. When axis is the last one that is the same as working along it;
// otherwise the converter reshapes to 2-D, works on axis 1 and reshapes back.
struct SoftmaxAxis {
  int64_t axis;  // normalised ONNX axis
  bool coerced;  // reshape to 2-D first and work along axis 1
};

Result<SoftmaxAxis> softmax_axis(const ConvertContext& ctx, int64_t rank) {
  if (rank == 0) return Status::invalid("the input must have rank 1 or more");
  const bool legacy = ctx.opset() < 13;
  INGOT_ASSIGN_OR_RETURN(int64_t axis, ops::normalize_axis(ctx.attr_int("axis", legacy ? 1 : -1), rank));
  return SoftmaxAxis{axis, legacy && axis != rank - 1};
}

Result<Value*> to_2d(ConvertContext& ctx, Value* x, int64_t axis) {
  const Shape& shape = x->type().shape;
  Shape flat{product(shape, 0, axis), product(shape, axis, shape.size())};
  return ctx.emit(OpKind::reshape, {x}, {{"shape", flat}});
}

template <OpKind kOp>
Status softmax(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(SoftmaxAxis where, softmax_axis(ctx, x->type().rank()));
  if (!where.coerced) return ctx.emit_final(kOp, {x}, {{"axis", where.axis}});
  INGOT_ASSIGN_OR_RETURN(Value* flat, to_2d(ctx, x, where.axis));
  INGOT_ASSIGN_OR_RETURN(Value* y, ctx.emit(kOp, {flat}, {{"axis", int64_t{1}}}));
  return ctx.emit_final(OpKind::reshape, {y}, {{"shape", x->type().shape}});
}

// Hardmax: 1 where arg_max (the first index on ties) is, 0 elsewhere:
// cast(equal(iota along axis, arg_max(x, axis, keepdims))).
Result<Value*> hardmax_mask(ConvertContext& ctx, Value* x, int64_t axis) {
  const Shape& shape = x->type().shape;
  INGOT_ASSIGN_OR_RETURN(Value* index, ctx.emit(OpKind::arg_max, {x},
                                                {{"axis", axis}, {"keepdims", int64_t{1}}, {"select_last_index", int64_t{0}}}));
  Shape iota_shape(shape.size(), 1);
  iota_shape[axis] = shape[axis];
  std::vector<int64_t> iota(shape[axis]);
  for (int64_t i = 0; i < shape[axis]; ++i) iota[i] = i;
  Value* positions = ctx.constant_i64(iota, iota_shape);
  return ctx.emit(OpKind::equal, {positions, index});
}

Status hardmax(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(SoftmaxAxis where, softmax_axis(ctx, x->type().rank()));
  const AttrMap to_x{{"to", std::string(dtype_name(x->type().dtype))}};
  if (!where.coerced) {
    INGOT_ASSIGN_OR_RETURN(Value* mask, hardmax_mask(ctx, x, where.axis));
    return ctx.emit_final(OpKind::cast, {mask}, to_x);
  }
  INGOT_ASSIGN_OR_RETURN(Value* flat, to_2d(ctx, x, where.axis));
  INGOT_ASSIGN_OR_RETURN(Value* mask, hardmax_mask(ctx, flat, 1));
  INGOT_ASSIGN_OR_RETURN(Value* y, ctx.emit(OpKind::cast, {mask}, to_x));
  return ctx.emit_final(OpKind::reshape, {y}, {{"shape", x->type().shape}});
}

// The Mean and InvStdDev outputs of LayerNormalization: decompose as the ONNX
// function does, computing in the stash type and casting back for the
// scale and bias.
Status layer_norm_with_stats(ConvertContext& ctx, Value* x, Value* scale, Value* bias, int64_t axis, double epsilon) {
  std::optional<DType> stash = dtype_from_onnx(static_cast<int32_t>(ctx.attr_int("stash_type", 1)));
  if (!stash || !is_float(*stash)) return ctx.unsupported("stash_type must be a float type");
  const AttrMap reduce_attrs{{"axes", axes_from(axis, x->type().rank())}, {"keepdims", int64_t{1}}};
  INGOT_ASSIGN_OR_RETURN(Value* xs, emit_cast(ctx, x, *stash));
  INGOT_ASSIGN_OR_RETURN(Value* mean, ctx.emit(OpKind::reduce_mean, {xs}, reduce_attrs));
  INGOT_ASSIGN_OR_RETURN(Value* deviation, ctx.emit(OpKind::sub, {xs, mean}));
  INGOT_ASSIGN_OR_RETURN(Value* squared, ctx.emit(OpKind::mul, {deviation, deviation}));
  INGOT_ASSIGN_OR_RETURN(Value* variance, ctx.emit(OpKind::reduce_mean, {squared}, reduce_attrs));
  INGOT_ASSIGN_OR_RETURN(Value* shifted, ctx.emit(OpKind::add, {variance, ctx.constant_scalar(*stash, epsilon)}));
  INGOT_ASSIGN_OR_RETURN(Value* std_dev, ctx.emit(OpKind::sqrt, {shifted}));
  INGOT_ASSIGN_OR_RETURN(Value* inv_std_dev, ctx.emit(OpKind::reciprocal, {std_dev}));
  INGOT_ASSIGN_OR_RETURN(Value* normalized, ctx.emit(OpKind::mul, {deviation, inv_std_dev}));
  INGOT_ASSIGN_OR_RETURN(normalized, emit_cast(ctx, normalized, x->type().dtype));
  for (auto [index, value] : {std::pair<size_t, Value*>{1, mean}, {2, inv_std_dev}}) {
    std::optional<TensorType> want = ctx.inferred_output_type(index);
    if (want && (want->dtype != value->type().dtype || want->shape != value->type().shape)) {
      return ctx.unsupported(fmt::format("ingot computes {} for output {} but ONNX infers {}",
                                         type_to_string(value->type()), index, type_to_string(*want)));
    }
    INGOT_RETURN_IF_ERROR(ctx.bind_output(index, value));
  }
  if (bias == nullptr) return ctx.emit_final(OpKind::mul, {normalized, scale});
  INGOT_ASSIGN_OR_RETURN(Value* scaled, ctx.emit(OpKind::mul, {normalized, scale}));
  return ctx.emit_final(OpKind::add, {scaled, bias});
}

Status layer_norm(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(Value* scale, ctx.required_input(1));
  Value* bias = ctx.input(2);
  INGOT_ASSIGN_OR_RETURN(int64_t axis, ops::normalize_axis(ctx.attr_int("axis", -1), x->type().rank()));
  const double epsilon = ctx.attr_float("epsilon", 1e-5);
  if (ctx.output_used(1) || ctx.output_used(2)) return layer_norm_with_stats(ctx, x, scale, bias, axis, epsilon);
  std::vector<Value*> inputs{x, scale};
  if (bias != nullptr) inputs.push_back(bias);
  return ctx.emit_final(OpKind::layer_norm, std::move(inputs), {{"axis", axis}, {"epsilon", epsilon}});
}

// Inference only: the running statistics outputs, training_mode=1 and the
// old is_test=0 / spatial=0 forms are training or per-element features.
Status batch_norm(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  if (ctx.attr_int("training_mode", 0) != 0) return ctx.unsupported("training_mode=1 is a training feature");
  for (size_t i = 1; i < ctx.num_outputs(); ++i) {
    if (ctx.output_used(i)) return ctx.unsupported("the running and saved statistics outputs are training features");
  }
  if (ctx.opset() < 7 && ctx.attr_int("is_test", 0) == 0) {
    return ctx.unsupported("is_test=0 (training mode) is not supported");
  }
  if (ctx.attr_int("spatial", 1) == 0) return ctx.unsupported("spatial=0 (per-element statistics) is not supported");
  // Opset 15 lets the parameters have another float type than x.
  std::vector<Value*> inputs{x};
  for (size_t i = 1; i < 5; ++i) {
    INGOT_ASSIGN_OR_RETURN(Value* param, ctx.required_input(i));
    INGOT_ASSIGN_OR_RETURN(param, emit_cast(ctx, param, x->type().dtype));
    inputs.push_back(param);
  }
  return ctx.emit_final(OpKind::batch_norm, std::move(inputs), {{"epsilon", ctx.attr_float("epsilon", 1e-5)}});
}

Status instance_norm(ConvertContext& ctx) {
  std::vector<Value*> inputs;
  for (size_t i = 0; i < 3; ++i) {
    INGOT_ASSIGN_OR_RETURN(Value* input, ctx.required_input(i));
    inputs.push_back(input);
  }
  return ctx.emit_final(OpKind::instance_norm, std::move(inputs), {{"epsilon", ctx.attr_float("epsilon", 1e-5)}});
}

Status lrn(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  if (!ctx.has_attr("size")) return ctx.unsupported("the size attribute is required");
  return ctx.emit_final(OpKind::lrn, {x},
                        {{"alpha", ctx.attr_float("alpha", 1e-4)},
                         {"beta", ctx.attr_float("beta", 0.75)},
                         {"bias", ctx.attr_float("bias", 1.0)},
                         {"size", ctx.attr_int("size", 0)}});
}

// MeanVarianceNormalization, as its ONNX function body:
// (x - E[x]) / (sqrt(E[x^2] - E[x]^2) + 1e-9) over `axes` (default 0, 2, 3).
Status mean_variance_norm(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  if (!is_float(x->type().dtype)) return ctx.unsupported("the input must be a float tensor");
  const int64_t rank = x->type().rank();
  std::vector<int64_t> axes = ctx.attr_ints("axes", {0, 2, 3});
  for (int64_t& axis : axes) {
    INGOT_ASSIGN_OR_RETURN(axis, ops::normalize_axis(axis, rank));
  }
  std::sort(axes.begin(), axes.end());
  if (std::adjacent_find(axes.begin(), axes.end()) != axes.end()) return ctx.unsupported("axes must not repeat");
  const AttrMap reduce_attrs{{"axes", axes}, {"keepdims", int64_t{1}}};
  INGOT_ASSIGN_OR_RETURN(Value* mean, ctx.emit(OpKind::reduce_mean, {x}, reduce_attrs));
  INGOT_ASSIGN_OR_RETURN(Value* mean_squared, ctx.emit(OpKind::mul, {mean, mean}));
  INGOT_ASSIGN_OR_RETURN(Value* x_squared, ctx.emit(OpKind::mul, {x, x}));
  INGOT_ASSIGN_OR_RETURN(Value* mean_of_squares, ctx.emit(OpKind::reduce_mean, {x_squared}, reduce_attrs));
  INGOT_ASSIGN_OR_RETURN(Value* variance, ctx.emit(OpKind::sub, {mean_of_squares, mean_squared}));
  INGOT_ASSIGN_OR_RETURN(Value* std_dev, ctx.emit(OpKind::sqrt, {variance}));
  INGOT_ASSIGN_OR_RETURN(Value* deviation, ctx.emit(OpKind::sub, {x, mean}));
  Value* epsilon = ctx.constant_scalar(x->type().dtype, 1e-9);
  INGOT_ASSIGN_OR_RETURN(Value* denominator, ctx.emit(OpKind::add, {std_dev, epsilon}));
  return ctx.emit_final(OpKind::div, {deviation, denominator});
}

}  // namespace

std::vector<ConverterEntry> norm_converters() {
  using K = OpKind;
  return {
      {"Softmax", softmax<K::softmax>, {K::softmax, K::reshape}},
      {"LogSoftmax", softmax<K::log_softmax>, {K::log_softmax, K::reshape}},
      {"Hardmax", hardmax, {K::arg_max, K::equal, K::cast, K::reshape}},
      // With the Mean / InvStdDev outputs used: the decomposition of layer_norm_with_stats.
      {"LayerNormalization", layer_norm,
       {K::layer_norm, K::cast, K::reduce_mean, K::sub, K::mul, K::add, K::sqrt, K::reciprocal}},
      {"BatchNormalization", batch_norm, {K::batch_norm, K::cast}},
      {"InstanceNormalization", instance_norm, {K::instance_norm}},
      {"LRN", lrn, {K::lrn}},
      {"MeanVarianceNormalization", mean_variance_norm,
       {K::reduce_mean, K::mul, K::sub, K::sqrt, K::add, K::div}},
  };
}

}  // namespace ingot::onnx_import
