// Matrix products and convolutions: linear, addmm, mm, bmm, matmul, conv1d /
// conv2d / conv3d, convolution, conv_transpose, and
// scaled_dot_product_attention decomposed into matmul, softmax and masks.
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "importers/aten/converters.h"

namespace ingot::aten {
namespace {

Shape transposed_perm_shape(int64_t rank) {
  Shape perm(static_cast<size_t>(rank));
  for (int64_t i = 0; i < rank; ++i) perm[i] = i;
  std::swap(perm[rank - 1], perm[rank - 2]);
  return perm;
}

// linear(x, w, b) = x @ w^T + b, through gemm on x flattened to 2-D.
Status linear(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("input"));
  INGOT_ASSIGN_OR_RETURN(Value* w, ctx.tensor("weight"));
  INGOT_ASSIGN_OR_RETURN(Value* b, ctx.optional_tensor("bias"));
  if (w->type().rank() != 2) return Status::invalid("the weight must be 2-D");
  const AttrMap gemm{{"alpha", 1.0}, {"beta", 1.0}, {"trans_a", int64_t{0}}, {"trans_b", int64_t{1}}};
  const Shape& shape = x->type().shape;
  std::vector<Value*> inputs{x, w};
  if (b != nullptr) inputs.push_back(b);
  if (shape.size() == 2) return ctx.emit_final(OpKind::gemm, inputs, gemm);
  if (shape.empty()) return Status::invalid("the input must have rank 1 or more");
  Shape flat{num_elements(shape) / std::max<int64_t>(shape.back(), 1), shape.back()};
  if (shape.back() == 0) return Status::invalid("the input's last dim is empty");
  INGOT_ASSIGN_OR_RETURN(inputs[0], ctx.emit(OpKind::reshape, {x}, {{"shape", flat}}));
  INGOT_ASSIGN_OR_RETURN(Value* y, ctx.emit(OpKind::gemm, inputs, gemm));
  Shape out = shape;
  out.back() = w->type().shape[0];
  return ctx.emit_final(OpKind::reshape, {y}, {{"shape", out}});
}

Status addmm(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* c, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(Value* a, ctx.tensor("mat1"));
  INGOT_ASSIGN_OR_RETURN(Value* b, ctx.tensor("mat2"));
  INGOT_ASSIGN_OR_RETURN(double beta, ctx.float_arg("beta", 1.0));
  INGOT_ASSIGN_OR_RETURN(double alpha, ctx.float_arg("alpha", 1.0));
  return ctx.emit_final(OpKind::gemm, {a, b, c}, {{"alpha", alpha}, {"beta", beta}, {"trans_a", int64_t{0}}, {"trans_b", int64_t{0}}});
}

template <const char* kOther>
Status matmul(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* a, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(Value* b, ctx.tensor(kOther));
  return ctx.emit_final(OpKind::matmul, {a, b});
}
constexpr char kMat2[] = "mat2";
constexpr char kOther[] = "other";

// One entry per spatial dim from an int[] that torch lets hold one value for all.
Result<std::vector<int64_t>> per_dim(ConvertContext& ctx, std::string_view name, size_t spatial, int64_t fallback, int64_t min) {
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> values, ctx.ints_arg(name, std::vector<int64_t>{fallback}));
  if (values.size() == 1) values.assign(spatial, values[0]);
  if (values.size() != spatial) return Status::invalid(fmt::format("{} has {} entries for {} spatial dims", name, values.size(), spatial));
  for (int64_t v : values) {
    if (v < min || v > kMaxElements) return Status::invalid(fmt::format("{} holds {}, outside [{}, 2^40]", name, v, min));
  }
  return values;
}

struct ConvParams {
  std::vector<int64_t> stride, pads, dilation, output_padding;
  int64_t groups = 1;
};

// Explicit begin/end pads from torch's symmetric padding or "same" / "valid".
Result<std::vector<int64_t>> conv_pads(ConvertContext& ctx, const Shape& weight, size_t spatial, const std::vector<int64_t>& dilation) {
  const Argument* padding = ctx.arg("padding");
  if (padding != nullptr && padding->kind == Argument::Kind::string) {
    std::vector<int64_t> pads(2 * spatial, 0);
    if (padding->text == "valid") return pads;
    if (padding->text != "same") return Status::invalid(fmt::format("padding '{}' is not same or valid", padding->text));
    for (size_t i = 0; i < spatial; ++i) {
      int64_t total = dilation[i] * (weight[2 + i] - 1);
      pads[i] = total / 2;
      pads[spatial + i] = total - total / 2;  // torch puts the odd one at the end
    }
    return pads;
  }
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> half, per_dim(ctx, "padding", spatial, 0, 0));
  std::vector<int64_t> pads = half;
  pads.insert(pads.end(), half.begin(), half.end());
  return pads;
}

Status emit_conv(ConvertContext& ctx, bool transposed, bool has_output_padding) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("input"));
  INGOT_ASSIGN_OR_RETURN(Value* w, ctx.tensor("weight"));
  INGOT_ASSIGN_OR_RETURN(Value* b, ctx.optional_tensor("bias"));
  if (x->type().rank() != w->type().rank()) {
    return Status::invalid(fmt::format("unbatched input (rank {} for a rank {} weight) is not supported", x->type().rank(), w->type().rank()));
  }
  if (w->type().rank() < 3) return Status::invalid("the weight must have rank 3 or more");
  const size_t spatial = static_cast<size_t>(w->type().rank() - 2);
  ConvParams p;
  INGOT_ASSIGN_OR_RETURN(p.stride, per_dim(ctx, "stride", spatial, 1, 1));
  INGOT_ASSIGN_OR_RETURN(p.dilation, per_dim(ctx, "dilation", spatial, 1, 1));
  INGOT_ASSIGN_OR_RETURN(p.pads, conv_pads(ctx, w->type().shape, spatial, p.dilation));
  INGOT_ASSIGN_OR_RETURN(p.groups, ctx.int_arg("groups", 1));
  std::vector<Value*> inputs{x, w};
  if (b != nullptr) inputs.push_back(b);
  AttrMap attrs{{"strides", p.stride}, {"pads", p.pads}, {"dilations", p.dilation}, {"group", p.groups}};
  if (!transposed) return ctx.emit_final(OpKind::conv, inputs, attrs);
  std::vector<int64_t> output_padding(spatial, 0);
  if (has_output_padding) {
    INGOT_ASSIGN_OR_RETURN(output_padding, per_dim(ctx, "output_padding", spatial, 0, 0));
  }
  attrs["output_padding"] = output_padding;
  return ctx.emit_final(OpKind::conv_transpose, inputs, attrs);
}

Status conv(ConvertContext& ctx) { return emit_conv(ctx, false, false); }
Status conv_transpose(ConvertContext& ctx) { return emit_conv(ctx, true, true); }

Status convolution(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(bool transposed, ctx.bool_arg("transposed", false));
  return emit_conv(ctx, transposed, transposed);
}

// scaled_dot_product_attention(q, k, v, attn_mask, dropout_p, is_causal, scale):
// softmax(q @ k^T * scale + mask) @ v. Dropout is a no-op at inference.
Status sdpa(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* q, ctx.tensor("query"));
  INGOT_ASSIGN_OR_RETURN(Value* k, ctx.tensor("key"));
  INGOT_ASSIGN_OR_RETURN(Value* v, ctx.tensor("value"));
  INGOT_ASSIGN_OR_RETURN(Value* mask, ctx.optional_tensor("attn_mask"));
  INGOT_ASSIGN_OR_RETURN(bool causal, ctx.bool_arg("is_causal", false));
  INGOT_ASSIGN_OR_RETURN(bool gqa, ctx.bool_arg("enable_gqa", false));
  const int64_t rank = q->type().rank();
  if (rank < 2 || k->type().rank() != rank) return Status::invalid("query and key must have the same rank, 2 or more");
  const DType dtype = q->type().dtype;
  if (!is_float(dtype)) return Status::invalid("attention takes float tensors");
  const int64_t length = q->type().shape[rank - 2], source = k->type().shape[rank - 2], embed = q->type().shape[rank - 1];
  if (gqa && q->type().shape != k->type().shape) return Status::invalid("grouped-query attention (enable_gqa) is not supported");
  double scale = 1.0 / std::sqrt(static_cast<double>(std::max<int64_t>(embed, 1)));
  if (ctx.arg("scale") != nullptr) {
    INGOT_ASSIGN_OR_RETURN(scale, ctx.float_arg("scale"));
  }
  INGOT_ASSIGN_OR_RETURN(Value* kt, ctx.emit(OpKind::transpose, {k}, {{"perm", transposed_perm_shape(rank)}}));
  INGOT_ASSIGN_OR_RETURN(Value* scores, ctx.emit(OpKind::matmul, {q, kt}));
  INGOT_ASSIGN_OR_RETURN(scores, ctx.emit(OpKind::mul, {scores, ctx.scalar(dtype, scale)}));
  const double minus_inf = -std::numeric_limits<double>::infinity();
  if (causal) {
    std::vector<double> bias(static_cast<size_t>(length * source), 0.0);
    for (int64_t i = 0; i < length; ++i) {
      for (int64_t j = i + 1; j < source; ++j) bias[i * source + j] = minus_inf;
    }
    INGOT_ASSIGN_OR_RETURN(scores, ctx.emit(OpKind::add, {scores, ctx.constant(dtype, bias, {length, source})}));
  }
  if (mask != nullptr) {
    if (mask->type().dtype == DType::boolean) {
      INGOT_ASSIGN_OR_RETURN(mask, ctx.emit(OpKind::where, {mask, ctx.scalar(dtype, 0.0), ctx.scalar(dtype, minus_inf)}));
    }
    INGOT_ASSIGN_OR_RETURN(mask, ctx.cast(mask, dtype));
    INGOT_ASSIGN_OR_RETURN(scores, ctx.emit(OpKind::add, {scores, mask}));
  }
  INGOT_ASSIGN_OR_RETURN(Value* weights, ctx.emit(OpKind::softmax, {scores}, {{"axis", rank - 1}}));
  return ctx.emit_final(OpKind::matmul, {weights, v});
}

}  // namespace

std::vector<ConverterEntry> linalg_converters() {
  using K = OpKind;
  return {
      {"aten.linear.default", linear, {K::gemm, K::reshape}},
      {"aten.addmm.default", addmm, {K::gemm}},
      {"aten.mm.default", matmul<kMat2>, {K::matmul}},
      {"aten.bmm.default", matmul<kMat2>, {K::matmul}},
      {"aten.matmul.default", matmul<kOther>, {K::matmul}},
      {"aten.conv1d.default", conv, {K::conv}},
      {"aten.conv2d.default", conv, {K::conv}},
      {"aten.conv3d.default", conv, {K::conv}},
      {"aten.conv1d.padding", conv, {K::conv}},
      {"aten.conv2d.padding", conv, {K::conv}},
      {"aten.conv3d.padding", conv, {K::conv}},
      {"aten.convolution.default", convolution, {K::conv, K::conv_transpose}},
      {"aten.conv_transpose1d.default", conv_transpose, {K::conv_transpose}},
      {"aten.conv_transpose2d.input", conv_transpose, {K::conv_transpose}},
      {"aten.conv_transpose3d.input", conv_transpose, {K::conv_transpose}},
      {"aten.scaled_dot_product_attention.default", sdpa,
       {K::transpose, K::matmul, K::mul, K::add, K::where, K::cast, K::softmax}},
  };
}

}  // namespace ingot::aten
