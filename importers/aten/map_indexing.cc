// Indexing: index_select / embedding (gather), gather (gather_elements),
// index.Tensor with one index tensor, cumsum, topk, tril / triu.
#include <fmt/format.h>

#include "importers/aten/converters.h"

namespace ingot::aten {
namespace {

Status index_select(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim"));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  INGOT_ASSIGN_OR_RETURN(Value* index, ctx.tensor("index"));
  return ctx.emit_final(OpKind::gather, {x, index}, {{"axis", axis}});
}

Status embedding(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* weight, ctx.tensor("weight"));
  INGOT_ASSIGN_OR_RETURN(Value* indices, ctx.tensor("indices"));
  return ctx.emit_final(OpKind::gather, {weight, indices}, {{"axis", int64_t{0}}});
}

Status gather(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim"));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  INGOT_ASSIGN_OR_RETURN(Value* index, ctx.tensor("index"));
  return ctx.emit_final(OpKind::gather_elements, {x, index}, {{"axis", axis}});
}

// x[..., idx, ...] with a single integer index tensor after leading Nones.
Status index_tensor(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(std::vector<Value*> indices, ctx.tensor_list("indices"));
  int64_t axis = -1;
  for (size_t i = 0; i < indices.size(); ++i) {
    if (indices[i] == nullptr) continue;
    if (axis >= 0) return Status::invalid("indexing with more than one index tensor is not supported");
    axis = static_cast<int64_t>(i);
  }
  if (axis < 0) return ctx.bind_output(0, x);
  if (!is_integer(indices[axis]->type().dtype)) return Status::invalid("boolean mask indexing is not supported");
  return ctx.emit_final(OpKind::gather, {x, indices[axis]}, {{"axis", axis}});
}

Status cumsum(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(DType dtype, ctx.output_dtype());
  INGOT_ASSIGN_OR_RETURN(x, ctx.cast(x, dtype));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim"));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  return ctx.emit_final(OpKind::cumsum, {x}, {{"axis", axis}, {"exclusive", int64_t{0}}, {"reverse", int64_t{0}}});
}

Status topk(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t k, ctx.int_arg("k"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim", -1));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  INGOT_ASSIGN_OR_RETURN(bool largest, ctx.bool_arg("largest", true));
  INGOT_ASSIGN_OR_RETURN(bool sorted, ctx.bool_arg("sorted", true));
  return ctx.emit_outputs(OpKind::top_k, {x}, {{"axis", axis}, {"k", k}, {"largest", int64_t{largest}}, {"sorted", int64_t{sorted}}});
}

template <int64_t kUpper>
Status triangle(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t diagonal, ctx.int_arg("diagonal", 0));
  return ctx.emit_final(OpKind::trilu, {x}, {{"upper", kUpper}, {"k", diagonal}});
}

}  // namespace

std::vector<ConverterEntry> indexing_converters() {
  return {
      {"aten.index_select.default", index_select},
      {"aten.embedding.default", embedding},
      {"aten.gather.default", gather},
      {"aten.index.Tensor", index_tensor},
      {"aten.cumsum.default", cumsum},
      {"aten.topk.default", topk},
      {"aten.tril.default", triangle<0>},
      {"aten.triu.default", triangle<1>},
  };
}

}  // namespace ingot::aten
