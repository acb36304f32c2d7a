// Indexing: index_select / embedding (gather), gather (gather_elements),
// index.Tensor with one index tensor, cumsum, topk, tril / triu.
#include <fmt/format.h>

#include "importers/aten/converters.h"
#include "ir/ops/shape_util.h"

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

// x[idx_0, ..., idx_k] (advanced indexing) with index tensors on a
// contiguous block of dims [first, first + k), after leading Nones: the
// indices broadcast to one shape B and stack into [B..., k] for gather_nd on
// x with the indexed dims moved to the front; the result is
// x.shape[:first] + B + x.shape[first + k:].
Status index_tensor(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(std::vector<Value*> indices, ctx.tensor_list("indices"));
  int64_t first = -1, count = 0;
  for (size_t i = 0; i < indices.size(); ++i) {
    if (indices[i] == nullptr) continue;
    if (first >= 0 && static_cast<int64_t>(i) != first + count) return Status::invalid("index tensors separated by None are not supported");
    if (first < 0) first = static_cast<int64_t>(i);
    ++count;
    if (!is_integer(indices[i]->type().dtype)) return Status::invalid("boolean mask indexing is not supported");
  }
  if (first < 0) return ctx.bind_output(0, x);
  const int64_t rank = x->type().rank();
  if (first + count > rank) return Status::invalid("more index tensors than dims");
  if (count == 1) return ctx.emit_final(OpKind::gather, {x, indices[first]}, {{"axis", first}});
  Shape batch;
  for (int64_t i = 0; i < count; ++i) {
    Result<Shape> joined = ops::broadcast(batch, indices[first + i]->type().shape);
    if (!joined.ok()) return Status::invalid("the index tensors do not broadcast together");
    batch = *joined;
  }
  Shape column = batch;
  column.push_back(1);
  std::vector<Value*> columns;
  for (int64_t i = 0; i < count; ++i) {
    INGOT_ASSIGN_OR_RETURN(Value* index, ctx.cast(indices[first + i], DType::i64));
    if (index->type().shape != batch) {
      INGOT_ASSIGN_OR_RETURN(index, ctx.emit(OpKind::expand, {index}, {{"shape", batch}}));
    }
    INGOT_ASSIGN_OR_RETURN(index, ctx.emit(OpKind::reshape, {index}, {{"shape", column}}));
    columns.push_back(index);
  }
  INGOT_ASSIGN_OR_RETURN(Value* stacked, ctx.emit(OpKind::concat, columns, {{"axis", static_cast<int64_t>(batch.size())}}));
  Value* data = x;
  if (first > 0) {
    std::vector<int64_t> perm;
    for (int64_t d = first; d < first + count; ++d) perm.push_back(d);
    for (int64_t d = 0; d < first; ++d) perm.push_back(d);
    for (int64_t d = first + count; d < rank; ++d) perm.push_back(d);
    INGOT_ASSIGN_OR_RETURN(data, ctx.emit(OpKind::transpose, {x}, {{"perm", perm}}));
  }
  if (first == 0) return ctx.emit_final(OpKind::gather_nd, {data, stacked}, {{"batch_dims", int64_t{0}}});
  INGOT_ASSIGN_OR_RETURN(Value* gathered, ctx.emit(OpKind::gather_nd, {data, stacked}, {{"batch_dims", int64_t{0}}}));
  // [B..., lead..., tail...] -> [lead..., B..., tail...]
  const int64_t b = static_cast<int64_t>(batch.size());
  std::vector<int64_t> perm;
  for (int64_t d = 0; d < first; ++d) perm.push_back(b + d);
  for (int64_t d = 0; d < b; ++d) perm.push_back(d);
  for (int64_t d = b + first; d < gathered->type().rank(); ++d) perm.push_back(d);
  return ctx.emit_final(OpKind::transpose, {gathered}, {{"perm", perm}});
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

// sort(dim, descending): top_k of the whole dim.
Status sort(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim", -1));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  INGOT_ASSIGN_OR_RETURN(bool descending, ctx.bool_arg("descending", false));
  const int64_t k = x->type().rank() == 0 ? 1 : x->type().shape[axis];
  return ctx.emit_outputs(OpKind::top_k, {x}, {{"axis", axis}, {"k", k}, {"largest", int64_t{descending}}, {"sorted", int64_t{1}}});
}

template <int64_t kUpper>
Status triangle(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t diagonal, ctx.int_arg("diagonal", 0));
  return ctx.emit_final(OpKind::trilu, {x}, {{"upper", kUpper}, {"k", diagonal}});
}

}  // namespace

std::vector<ConverterEntry> indexing_converters() {
  using K = OpKind;
  return {
      {"aten.index_select.default", index_select, {K::gather}},
      {"aten.embedding.default", embedding, {K::gather}},
      {"aten.gather.default", gather, {K::gather_elements}},
      {"aten.index.Tensor", index_tensor,
       {K::gather, K::cast, K::expand, K::reshape, K::concat, K::transpose, K::gather_nd}},
      {"aten.cumsum.default", cumsum, {K::cumsum, K::cast}},
      {"aten.topk.default", topk, {K::top_k}},
      {"aten.sort.default", sort, {K::top_k}},
      {"aten.tril.default", triangle<0>, {K::trilu}},
      {"aten.triu.default", triangle<1>, {K::trilu}},
  };
}

}  // namespace ingot::aten
