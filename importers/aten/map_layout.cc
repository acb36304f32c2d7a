// Layout ops: view / reshape / flatten / unflatten / squeeze / unsqueeze,
// permute / transpose / t, expand, cat, split / chunk / unbind, select /
// slice / narrow / flip, constant_pad_nd, repeat, and the ops that are
// identities at inference (clone, contiguous, alias, detach, dropout, _to_copy
// without a dtype change).
#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "importers/aten/converters.h"

namespace ingot::aten {
namespace {

Result<Shape> resolve_size(const Shape& input, std::vector<int64_t> size) {
  int64_t known = 1;
  int infer = -1;
  for (size_t i = 0; i < size.size(); ++i) {
    if (size[i] == -1) {
      if (infer >= 0) return Status::invalid("only one dim of a view may be -1");
      infer = static_cast<int>(i);
    } else if (size[i] < 0) {
      return Status::invalid(fmt::format("view size {} is negative", size[i]));
    } else {
      if (size[i] != 0 && known > kMaxElements / size[i]) return Status::invalid("the view is too large");
      known *= size[i];
    }
  }
  const int64_t total = num_elements(input);
  if (infer >= 0) {
    if (known == 0 || total % known != 0) {
      return Status::invalid(fmt::format("cannot view [{}] as [{}]", shape_to_string(input), shape_to_string(size)));
    }
    size[infer] = total / known;
  }
  return Shape(size.begin(), size.end());
}

Status reshape_to(ConvertContext& ctx, Value* x, const Shape& shape) {
  if (x->type().shape == shape) return ctx.bind_output(0, x);
  return ctx.emit_final(OpKind::reshape, {x}, {{"shape", shape}});
}

Status view(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  const char* name = ctx.arg("size") != nullptr ? "size" : "shape";
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> size, ctx.ints_arg(name));
  INGOT_ASSIGN_OR_RETURN(Shape shape, resolve_size(x->type().shape, size));
  return reshape_to(ctx, x, shape);
}

Status flatten(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  const Shape& in = x->type().shape;
  if (in.empty()) return reshape_to(ctx, x, {1});
  INGOT_ASSIGN_OR_RETURN(int64_t start, ctx.int_arg("start_dim", 0));
  INGOT_ASSIGN_OR_RETURN(int64_t end, ctx.int_arg("end_dim", -1));
  INGOT_ASSIGN_OR_RETURN(start, wrap_dim(start, x->type().rank()));
  INGOT_ASSIGN_OR_RETURN(end, wrap_dim(end, x->type().rank()));
  if (start > end) return Status::invalid("start_dim is after end_dim");
  Shape out(in.begin(), in.begin() + start);
  out.push_back(num_elements(Shape(in.begin() + start, in.begin() + end + 1)));
  out.insert(out.end(), in.begin() + end + 1, in.end());
  return reshape_to(ctx, x, out);
}

Status unflatten(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim"));
  INGOT_ASSIGN_OR_RETURN(dim, wrap_dim(dim, x->type().rank()));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> sizes, ctx.ints_arg("sizes"));
  const Shape& in = x->type().shape;
  INGOT_ASSIGN_OR_RETURN(Shape middle, resolve_size({in[dim]}, sizes));
  Shape out(in.begin(), in.begin() + dim);
  out.insert(out.end(), middle.begin(), middle.end());
  out.insert(out.end(), in.begin() + dim + 1, in.end());
  return reshape_to(ctx, x, out);
}

Status squeeze(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  const Shape& in = x->type().shape;
  const int64_t rank = x->type().rank();
  std::vector<bool> drop(in.size(), false);
  if (ctx.arg("dim") == nullptr) {
    for (size_t d = 0; d < in.size(); ++d) drop[d] = in[d] == 1;
  } else {
    INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> dims, ctx.ints_arg("dim"));
    for (int64_t dim : dims) {
      if (rank == 0) continue;
      INGOT_ASSIGN_OR_RETURN(int64_t d, wrap_dim(dim, rank));
      drop[d] = in[d] == 1;  // torch leaves a dim that is not 1
    }
  }
  Shape out;
  for (size_t d = 0; d < in.size(); ++d) {
    if (!drop[d]) out.push_back(in[d]);
  }
  return reshape_to(ctx, x, out);
}

Status unsqueeze(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim"));
  INGOT_ASSIGN_OR_RETURN(dim, wrap_dim(dim, x->type().rank() + 1));
  Shape out = x->type().shape;
  out.insert(out.begin() + dim, 1);
  return reshape_to(ctx, x, out);
}

Status transpose_to(ConvertContext& ctx, Value* x, const std::vector<int64_t>& perm) {
  bool identity = true;
  for (size_t i = 0; i < perm.size(); ++i) identity = identity && perm[i] == static_cast<int64_t>(i);
  if (identity) return ctx.bind_output(0, x);
  return ctx.emit_final(OpKind::transpose, {x}, {{"perm", perm}});
}

Status permute(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> dims, ctx.ints_arg("dims"));
  if (static_cast<int64_t>(dims.size()) != x->type().rank()) return Status::invalid("dims must name every dim once");
  for (int64_t& d : dims) {
    INGOT_ASSIGN_OR_RETURN(d, wrap_dim(d, x->type().rank()));
  }
  return transpose_to(ctx, x, dims);
}

std::vector<int64_t> iota(int64_t rank) {
  std::vector<int64_t> perm(static_cast<size_t>(rank));
  for (int64_t i = 0; i < rank; ++i) perm[i] = i;
  return perm;
}

Status transpose(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  const int64_t rank = x->type().rank();
  if (rank == 0) return ctx.bind_output(0, x);
  INGOT_ASSIGN_OR_RETURN(int64_t a, ctx.int_arg("dim0"));
  INGOT_ASSIGN_OR_RETURN(int64_t b, ctx.int_arg("dim1"));
  INGOT_ASSIGN_OR_RETURN(a, wrap_dim(a, rank));
  INGOT_ASSIGN_OR_RETURN(b, wrap_dim(b, rank));
  std::vector<int64_t> perm = iota(rank);
  std::swap(perm[a], perm[b]);
  return transpose_to(ctx, x, perm);
}

Status t(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  if (x->type().rank() < 2) return ctx.bind_output(0, x);
  if (x->type().rank() > 2) return Status::invalid("t() takes a tensor of rank 2 or less");
  return transpose_to(ctx, x, {1, 0});
}

Status expand(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> size, ctx.ints_arg("size"));
  const Shape& in = x->type().shape;
  if (size.size() < in.size()) return Status::invalid("expand cannot lower the rank");
  const size_t lead = size.size() - in.size();
  for (size_t i = 0; i < size.size(); ++i) {
    if (size[i] != -1) continue;
    if (i < lead) return Status::invalid("a new leading dim of expand cannot be -1");
    size[i] = in[i - lead];
  }
  Shape shape(size.begin(), size.end());
  if (shape == in) return ctx.bind_output(0, x);
  return ctx.emit_final(OpKind::expand, {x}, {{"shape", shape}});
}

Status cat(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(std::vector<Value*> tensors, ctx.tensor_list("tensors"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim", 0));
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  std::vector<Value*> inputs;
  int64_t rank = -1;
  for (Value* tensor : tensors) {
    if (tensor == nullptr) return Status::invalid("cat of a None tensor");
    // torch skips 1-D empty tensors in cat (a legacy rule).
    if (tensor->type().shape == Shape{0}) continue;
    INGOT_ASSIGN_OR_RETURN(Value* cast, ctx.cast(tensor, dtype));
    inputs.push_back(cast);
    rank = tensor->type().rank();
  }
  if (inputs.empty()) return Status::invalid("cat of empty tensors only");
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, rank));
  if (inputs.size() == 1) return ctx.bind_output(0, inputs[0]);
  return ctx.emit_final(OpKind::concat, inputs, {{"axis", axis}});
}

// split / split_with_sizes / chunk / unsafe_split.
Status split_sizes(ConvertContext& ctx, Value* x, int64_t axis, std::vector<int64_t> sizes) {
  if (sizes.size() == 1) return ctx.bind_output(0, x);
  return ctx.emit_outputs(OpKind::split, {x}, {{"axis", axis}, {"split", sizes}});
}

Status split(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim", 0));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  const int64_t length = x->type().shape[axis];
  std::vector<int64_t> sizes;
  if (ctx.arg("split_sizes") != nullptr) {
    INGOT_ASSIGN_OR_RETURN(sizes, ctx.ints_arg("split_sizes"));
  } else {
    INGOT_ASSIGN_OR_RETURN(int64_t size, ctx.int_arg("split_size"));
    if (size <= 0) return Status::invalid("split_size must be positive");
    for (int64_t start = 0; start < length || (length == 0 && sizes.empty()); start += size) {
      sizes.push_back(std::min(size, length - start));
    }
  }
  return split_sizes(ctx, x, axis, sizes);
}

Status chunk(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t chunks, ctx.int_arg("chunks"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim", 0));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  if (chunks <= 0) return Status::invalid("chunks must be positive");
  const int64_t length = x->type().shape[axis];
  const int64_t size = std::max<int64_t>((length + chunks - 1) / chunks, 1);
  std::vector<int64_t> sizes;
  for (int64_t start = 0; start < length; start += size) sizes.push_back(std::min(size, length - start));
  if (sizes.empty()) sizes.push_back(0);
  return split_sizes(ctx, x, axis, sizes);
}

Status unbind(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim", 0));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  const int64_t length = x->type().shape[axis];
  Shape out = x->type().shape;
  out.erase(out.begin() + axis);
  std::vector<Value*> parts{x};
  if (length > 1) {
    INGOT_ASSIGN_OR_RETURN(parts, ctx.emit_multi(OpKind::split, {x}, {{"axis", axis}, {"split", std::vector<int64_t>(length, 1)}}));
  }
  for (int64_t i = 0; i < length; ++i) {
    if (!ctx.output_used(static_cast<size_t>(i))) continue;
    INGOT_RETURN_IF_ERROR(ctx.emit_final(OpKind::reshape, {parts[i]}, {{"shape", out}}, static_cast<size_t>(i)));
  }
  return {};
}

// A clamped slice along one axis, as torch's slice.Tensor computes it.
Result<Value*> slice_axis(ConvertContext& ctx, Value* x, int64_t axis, int64_t start, int64_t end, int64_t step) {
  const int64_t length = x->type().shape[axis];
  if (step <= 0) return Status::invalid("slice step must be positive");
  auto clamp = [&](int64_t index) {
    if (index < 0) index = std::max<int64_t>(index + length, 0);
    return std::min(index, length);
  };
  start = clamp(start);
  end = std::max(clamp(end), start);
  if (start == 0 && end == length && step == 1) return x;
  return ctx.emit(OpKind::slice, {x}, {{"starts", std::vector<int64_t>{start}}, {"ends", std::vector<int64_t>{end}},
                                       {"axes", std::vector<int64_t>{axis}}, {"steps", std::vector<int64_t>{step}}});
}

Status slice(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim", 0));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  INGOT_ASSIGN_OR_RETURN(int64_t start, ctx.int_arg("start", 0));
  INGOT_ASSIGN_OR_RETURN(int64_t end, ctx.int_arg("end", std::numeric_limits<int64_t>::max()));
  INGOT_ASSIGN_OR_RETURN(int64_t step, ctx.int_arg("step", 1));
  INGOT_ASSIGN_OR_RETURN(Value* y, slice_axis(ctx, x, axis, start, end, step));
  if (y == x) return ctx.bind_output(0, x);
  return ctx.bind_output(0, y);
}

Status narrow(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim"));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  INGOT_ASSIGN_OR_RETURN(int64_t start, ctx.int_arg("start"));
  INGOT_ASSIGN_OR_RETURN(int64_t length, ctx.int_arg("length"));
  if (start < 0) start += x->type().shape[axis];
  if (start < 0 || length < 0 || start + length > x->type().shape[axis]) return Status::invalid("narrow reaches outside the dim");
  INGOT_ASSIGN_OR_RETURN(Value* y, slice_axis(ctx, x, axis, start, start + length, 1));
  return ctx.bind_output(0, y);
}

Status select(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim"));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  INGOT_ASSIGN_OR_RETURN(int64_t index, ctx.int_arg("index"));
  const int64_t length = x->type().shape[axis];
  if (index < -length || index >= length) return Status::invalid(fmt::format("index {} is out of range for a dim of {}", index, length));
  if (index < 0) index += length;
  INGOT_ASSIGN_OR_RETURN(Value* y, slice_axis(ctx, x, axis, index, index + 1, 1));
  Shape out = x->type().shape;
  out.erase(out.begin() + axis);
  return ctx.emit_final(OpKind::reshape, {y}, {{"shape", out}});
}

// flip(dims): a slice with step -1 along each dim.
Status flip(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> dims, ctx.ints_arg("dims"));
  std::vector<int64_t> axes;
  for (int64_t d : dims) {
    INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(d, x->type().rank()));
    axes.push_back(axis);
  }
  std::sort(axes.begin(), axes.end());
  axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
  if (axes.empty()) return ctx.bind_output(0, x);
  std::vector<int64_t> starts, ends, steps(axes.size(), -1);
  for (int64_t axis : axes) {
    starts.push_back(x->type().shape[axis] - 1);
    ends.push_back(-1);
  }
  return ctx.emit_final(OpKind::slice, {x}, {{"starts", starts}, {"ends", ends}, {"axes", axes}, {"steps", steps}});
}

// constant_pad_nd(pad, value): pad pairs run from the last dim backwards.
Status constant_pad(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> pad, ctx.ints_arg("pad"));
  INGOT_ASSIGN_OR_RETURN(double value, ctx.float_arg("value", 0.0));
  const int64_t rank = x->type().rank();
  if (pad.size() % 2 != 0 || static_cast<int64_t>(pad.size()) > 2 * rank) return Status::invalid("pad must hold pairs, at most two per dim");
  std::vector<int64_t> pads(static_cast<size_t>(2 * rank), 0);
  for (size_t i = 0; i < pad.size() / 2; ++i) {
    const int64_t dim = rank - 1 - static_cast<int64_t>(i);
    pads[dim] = pad[2 * i];
    pads[rank + dim] = pad[2 * i + 1];
  }
  return ctx.emit_final(OpKind::pad, {x}, {{"pads", pads}, {"mode", std::string("constant")}, {"value", value}});
}

Status repeat(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> repeats, ctx.ints_arg("repeats"));
  if (static_cast<int64_t>(repeats.size()) < x->type().rank()) return Status::invalid("repeats has fewer entries than the rank");
  if (static_cast<int64_t>(repeats.size()) > x->type().rank()) {
    Shape padded(repeats.size() - x->type().shape.size(), 1);
    padded.insert(padded.end(), x->type().shape.begin(), x->type().shape.end());
    INGOT_ASSIGN_OR_RETURN(x, ctx.emit(OpKind::reshape, {x}, {{"shape", padded}}));
  }
  return ctx.emit_final(OpKind::tile, {x}, {{"repeats", repeats}});
}

// clone, contiguous, alias, detach, lift_fresh_copy, dropout at inference.
Status identity(ConvertContext& ctx) {
  const char* name = ctx.arg("self") != nullptr ? "self" : "input";
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor(name));
  if (ctx.op().find("dropout") != std::string::npos) {
    INGOT_ASSIGN_OR_RETURN(bool train, ctx.bool_arg("train", false));
    if (train) ctx.warn(fmt::format("{}: dropout with train=True is dropped (inference)", ctx.op()));
    if (ctx.output_used(1)) return Status::invalid("the dropout mask output is not supported");
  }
  return ctx.bind_output(0, x);
}

// _to_copy / to.dtype / type_as: a cast when the dtype changes.
Status to_copy(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  if (x->type().dtype == dtype) return ctx.bind_output(0, x);
  return ctx.emit_final(OpKind::cast, {x}, {{"to", std::string(dtype_name(dtype))}});
}

// copy(self, src): src, cast and broadcast to self's type.
Status copy(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* self, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(Value* src, ctx.tensor("src"));
  INGOT_ASSIGN_OR_RETURN(src, ctx.cast(src, self->type().dtype));
  if (src->type().shape == self->type().shape) return ctx.bind_output(0, src);
  return ctx.emit_final(OpKind::expand, {src}, {{"shape", self->type().shape}});
}

}  // namespace

std::vector<ConverterEntry> layout_converters() {
  using K = OpKind;
  return {
      {"aten.view.default", view, {K::reshape}},
      {"aten._unsafe_view.default", view, {K::reshape}},
      {"aten.view_copy.default", view, {K::reshape}},
      {"aten.reshape.default", view, {K::reshape}},
      {"aten.flatten.using_ints", flatten, {K::reshape}},
      {"aten.unflatten.int", unflatten, {K::reshape}},
      {"aten.squeeze.default", squeeze, {K::reshape}},
      {"aten.squeeze.dim", squeeze, {K::reshape}},
      {"aten.squeeze.dims", squeeze, {K::reshape}},
      {"aten.squeeze_copy.dims", squeeze, {K::reshape}},
      {"aten.unsqueeze.default", unsqueeze, {K::reshape}},
      {"aten.unsqueeze_copy.default", unsqueeze, {K::reshape}},
      {"aten.permute.default", permute, {K::transpose}},
      {"aten.permute_copy.default", permute, {K::transpose}},
      {"aten.transpose.int", transpose, {K::transpose}},
      {"aten.t.default", t, {K::transpose}},
      {"aten.expand.default", expand, {K::expand}},
      {"aten.expand_copy.default", expand, {K::expand}},
      {"aten.cat.default", cat, {K::concat, K::cast}},
      {"aten.concat.default", cat, {K::concat, K::cast}},
      {"aten.split.Tensor", split, {K::split}},
      {"aten.split_with_sizes.default", split, {K::split}},
      {"aten.split_with_sizes_copy.default", split, {K::split}},
      {"aten.unsafe_split.Tensor", split, {K::split}},
      {"aten.chunk.default", chunk, {K::split}},
      {"aten.unbind.int", unbind, {K::split, K::reshape}},
      {"aten.select.int", select, {K::slice, K::reshape}},
      {"aten.select_copy.int", select, {K::slice, K::reshape}},
      {"aten.slice.Tensor", slice, {K::slice}},
      {"aten.slice_copy.Tensor", slice, {K::slice}},
      {"aten.narrow.default", narrow, {K::slice}},
      {"aten.flip.default", flip, {K::slice}},
      {"aten.constant_pad_nd.default", constant_pad, {K::pad}},
      {"aten.repeat.default", repeat, {K::reshape, K::tile}},
      {"aten.copy.default", copy, {K::cast, K::expand}},
      {"aten.clone.default", identity, {}},
      {"aten.contiguous.default", identity, {}},
      {"aten.alias.default", identity, {}},
      {"aten.alias_copy.default", identity, {}},
      {"aten.detach.default", identity, {}},
      {"aten.lift_fresh_copy.default", identity, {}},
      {"aten.dropout.default", identity, {}},
      {"aten.native_dropout.default", identity, {}},
      {"aten._to_copy.default", to_copy, {K::cast}},
      {"aten.to.dtype", to_copy, {K::cast}},
      {"aten.type_as.default", to_copy, {K::cast}},
  };
}

}  // namespace ingot::aten
