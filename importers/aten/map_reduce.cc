// Reductions: sum, mean, prod, amax / amin, max / min (all, or along a dim
// with indices), argmax / argmin, any / all (on bool, through a float
// max / min), var (mean of squared deviations, with a correction).
#include <algorithm>

#include <fmt/format.h>

#include "importers/aten/converters.h"

namespace ingot::aten {
namespace {

// The dims to reduce: the argument's list (wrapped, sorted), or every dim when
// it is absent, None or empty.
Result<std::vector<int64_t>> reduce_axes(ConvertContext& ctx, Value* x, std::string_view name) {
  const int64_t rank = x->type().rank();
  std::vector<int64_t> dims;
  if (ctx.arg(name) != nullptr) {
    INGOT_ASSIGN_OR_RETURN(dims, ctx.ints_arg(name));
  }
  std::vector<int64_t> axes;
  if (dims.empty()) {
    for (int64_t d = 0; d < rank; ++d) axes.push_back(d);
    return axes;
  }
  for (int64_t dim : dims) {
    if (rank == 0) continue;
    INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, rank));
    axes.push_back(axis);
  }
  std::sort(axes.begin(), axes.end());
  if (std::adjacent_find(axes.begin(), axes.end()) != axes.end()) return Status::invalid("a dim is reduced twice");
  return axes;
}

template <OpKind kOp>
Status reduce(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(x, ctx.cast(x, dtype));  // dtype=, or bool / int sums promoted
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> axes, reduce_axes(ctx, x, "dim"));
  INGOT_ASSIGN_OR_RETURN(bool keepdim, ctx.bool_arg("keepdim", false));
  if (x->type().rank() == 0) return ctx.bind_output(0, x);
  return ctx.emit_final(kOp, {x}, {{"axes", axes}, {"keepdims", int64_t{keepdim}}});
}

// any / all: bool -> f32 max / min -> bool.
template <OpKind kOp>
Status logical_reduce(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(Value* as_float, ctx.cast(x, DType::f32));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> axes, reduce_axes(ctx, x, "dim"));
  INGOT_ASSIGN_OR_RETURN(bool keepdim, ctx.bool_arg("keepdim", false));
  if (x->type().rank() == 0) return ctx.bind_output(0, x);
  INGOT_ASSIGN_OR_RETURN(Value* reduced, ctx.emit(kOp, {as_float}, {{"axes", axes}, {"keepdims", int64_t{keepdim}}}));
  return ctx.emit_final(OpKind::cast, {reduced}, {{"to", std::string("bool")}});
}

// max.dim / min.dim: values and indices along one dim.
template <OpKind kValues, OpKind kIndices>
Status extremum_dim(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim"));
  INGOT_ASSIGN_OR_RETURN(bool keepdim, ctx.bool_arg("keepdim", false));
  if (x->type().rank() == 0) return Status::invalid("max / min along a dim of a 0-d tensor is not supported");
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  if (ctx.output_used(0) || !ctx.output_used(1)) {
    INGOT_RETURN_IF_ERROR(ctx.emit_final(kValues, {x}, {{"axes", std::vector<int64_t>{axis}}, {"keepdims", int64_t{keepdim}}}, 0));
  }
  if (ctx.output_used(1)) {
    INGOT_RETURN_IF_ERROR(ctx.emit_final(kIndices, {x}, {{"axis", axis}, {"keepdims", int64_t{keepdim}}, {"select_last_index", int64_t{0}}}, 1));
  }
  return {};
}

// argmax / argmin; without a dim, over the flattened tensor.
template <OpKind kOp>
Status arg_reduce(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(bool keepdim, ctx.bool_arg("keepdim", false));
  if (ctx.arg("dim") == nullptr) {
    INGOT_ASSIGN_OR_RETURN(Value* flat, ctx.emit(OpKind::reshape, {x}, {{"shape", Shape{num_elements(x->type().shape)}}}));
    if (!keepdim) return ctx.emit_final(kOp, {flat}, {{"axis", int64_t{0}}, {"keepdims", int64_t{0}}, {"select_last_index", int64_t{0}}});
    INGOT_ASSIGN_OR_RETURN(Value* index, ctx.emit(kOp, {flat}, {{"axis", int64_t{0}}, {"keepdims", int64_t{1}}, {"select_last_index", int64_t{0}}}));
    return ctx.emit_final(OpKind::reshape, {index}, {{"shape", Shape(x->type().shape.size(), 1)}});
  }
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim"));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  return ctx.emit_final(kOp, {x}, {{"axis", axis}, {"keepdims", int64_t{keepdim}}, {"select_last_index", int64_t{0}}});
}

// var(x, dim, correction) = sum((x - mean)^2) / (N - correction).
Status var(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  if (!is_float(x->type().dtype)) return Status::invalid("var takes a float tensor");
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> axes, reduce_axes(ctx, x, "dim"));
  INGOT_ASSIGN_OR_RETURN(bool keepdim, ctx.bool_arg("keepdim", false));
  double correction = 1.0;
  if (ctx.arg("correction") != nullptr) {
    INGOT_ASSIGN_OR_RETURN(correction, ctx.float_arg("correction"));
  } else if (ctx.arg("unbiased") != nullptr) {
    INGOT_ASSIGN_OR_RETURN(bool unbiased, ctx.bool_arg("unbiased"));
    correction = unbiased ? 1.0 : 0.0;
  }
  int64_t count = 1;
  for (int64_t axis : axes) count *= x->type().shape[axis];
  const DType dtype = x->type().dtype;
  INGOT_ASSIGN_OR_RETURN(Value* mean, ctx.emit(OpKind::reduce_mean, {x}, {{"axes", axes}, {"keepdims", int64_t{1}}}));
  INGOT_ASSIGN_OR_RETURN(Value* deviation, ctx.emit(OpKind::sub, {x, mean}));
  INGOT_ASSIGN_OR_RETURN(Value* total, ctx.emit(OpKind::reduce_sum_square, {deviation}, {{"axes", axes}, {"keepdims", int64_t{keepdim}}}));
  return ctx.emit_final(OpKind::div, {total, ctx.scalar(dtype, std::max(0.0, static_cast<double>(count) - correction))});
}

}  // namespace

std::vector<ConverterEntry> reduce_converters() {
  using K = OpKind;
  return {
      {"aten.sum.dim_IntList", reduce<K::reduce_sum>, {K::reduce_sum, K::cast}},
      {"aten.sum.default", reduce<K::reduce_sum>, {K::reduce_sum, K::cast}},
      {"aten.mean.dim", reduce<K::reduce_mean>, {K::reduce_mean, K::cast}},
      {"aten.mean.default", reduce<K::reduce_mean>, {K::reduce_mean, K::cast}},
      {"aten.prod.dim_int", reduce<K::reduce_prod>, {K::reduce_prod, K::cast}},
      {"aten.prod.default", reduce<K::reduce_prod>, {K::reduce_prod, K::cast}},
      {"aten.amax.default", reduce<K::reduce_max>, {K::reduce_max, K::cast}},
      {"aten.amin.default", reduce<K::reduce_min>, {K::reduce_min, K::cast}},
      {"aten.max.default", reduce<K::reduce_max>, {K::reduce_max, K::cast}},
      {"aten.min.default", reduce<K::reduce_min>, {K::reduce_min, K::cast}},
      {"aten.max.dim", extremum_dim<K::reduce_max, K::arg_max>, {K::reduce_max, K::arg_max}},
      {"aten.min.dim", extremum_dim<K::reduce_min, K::arg_min>, {K::reduce_min, K::arg_min}},
      {"aten.argmax.default", arg_reduce<K::arg_max>, {K::reshape, K::arg_max}},
      {"aten.argmin.default", arg_reduce<K::arg_min>, {K::reshape, K::arg_min}},
      {"aten.any.default", logical_reduce<K::reduce_max>, {K::cast, K::reduce_max}},
      {"aten.any.dim", logical_reduce<K::reduce_max>, {K::cast, K::reduce_max}},
      {"aten.any.dims", logical_reduce<K::reduce_max>, {K::cast, K::reduce_max}},
      {"aten.all.default", logical_reduce<K::reduce_min>, {K::cast, K::reduce_min}},
      {"aten.all.dim", logical_reduce<K::reduce_min>, {K::cast, K::reduce_min}},
      {"aten.var.correction", var, {K::reduce_mean, K::sub, K::reduce_sum_square, K::div}},
      {"aten.var.dim", var, {K::reduce_mean, K::sub, K::reduce_sum_square, K::div}},
  };
}

}  // namespace ingot::aten
