// Pooling over the spatial dims of [N, C, spatial...] tensors.
//
// Window attributes are explicit, one entry per spatial dim (pads: all
// begins, then all ends). The output size per dim is
//   floor((in + pad_begin + pad_end - dilated_kernel) / stride) + 1
// or with ceil_mode=1 the ceiling, except that the last window must start
// inside the input or the begin padding (a window that would start in the end
// padding only is dropped, as in PyTorch and onnxruntime).
//
// max_pool may give a second output (with_indices=1): for each maximum, its i64
// index into the flattened input [N, C, spatial...] (padding not counted), in
// row-major order, or with storage_order=1 in column-major order over the
// spatial dims (ONNX MaxPool's Indices).
#include <optional>

#include <fmt/format.h>

#include "ir/ops/families.h"
#include "ir/ops/shape_util.h"

namespace ingot::ops {
namespace {

Status check_spatial_input(const TensorType& x) {
  if (x.rank() < 3) return Status::invalid(fmt::format("the input must have rank 3 or more (N, C, spatial...), not {}", x.rank()));
  return {};
}

// One spatial dim of the output.
Result<int64_t> pooled_size(size_t dim, int64_t in, int64_t kernel, int64_t stride, int64_t pad_begin, int64_t pad_end,
                            int64_t dilation, bool ceil_mode) {
  if (kernel - 1 > kMaxElements / dilation) return Status::invalid("the dilated kernel is too large");
  const int64_t extent = (kernel - 1) * dilation + 1;
  // A pad as wide as the window makes windows that see padding only.
  if (pad_begin >= extent || pad_end >= extent) {
    return Status::invalid(fmt::format("spatial dim {}: pads ({}, {}) must be smaller than the window ({})", dim,
                                       pad_begin, pad_end, extent));
  }
  const int64_t padded = in + pad_begin + pad_end;
  if (padded < extent) {
    return Status::invalid(fmt::format("spatial dim {}: the kernel covers {} but the padded input has {}", dim, extent, padded));
  }
  int64_t steps = (padded - extent) / stride;
  if (ceil_mode && (padded - extent) % stride != 0) {
    ++steps;
    // The last window must start inside the input or the begin padding.
    if (steps * stride >= in + pad_begin) --steps;
  }
  return steps + 1;
}

}  // namespace

Result<Shape> pooled_shape(const Node& node) {
  const Shape& x = input_type(node, 0).shape;
  const size_t spatial = x.size() - 2;
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> kernel, int_list(node, "kernel_shape", spatial, 1));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> strides, int_list(node, "strides", spatial, 1));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> pads, int_list(node, "pads", 2 * spatial, 0));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> dilations, int_list(node, "dilations", spatial, 1));
  INGOT_ASSIGN_OR_RETURN(bool ceil_mode, flag(node, "ceil_mode"));
  Shape out{x[0], x[1]};
  for (size_t i = 0; i < spatial; ++i) {
    INGOT_ASSIGN_OR_RETURN(int64_t size, pooled_size(i, x[2 + i], kernel[i], strides[i], pads[i], pads[spatial + i],
                                                     dilations[i], ceil_mode));
    out.push_back(size);
  }
  return out;
}

namespace {

// A maximum picks one of its inputs, so quantized data keeps its parameters
// when they are per-tensor or per batch / channel (dims that pooling keeps).
std::optional<Quantization> max_quant(const TensorType& x) {
  if (x.quant && (x.quant->scale.size() == 1 || x.quant->axis <= 1)) return x.quant;
  return std::nullopt;
}

Types max_pool_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  INGOT_RETURN_IF_ERROR(check_spatial_input(x));
  if (!is_float(x.dtype) && x.dtype != DType::i8 && x.dtype != DType::u8) {
    return Status::invalid(fmt::format("max_pool takes float, i8 or u8, not {}", dtype_name(x.dtype)));
  }
  INGOT_ASSIGN_OR_RETURN(bool with_indices, flag(node, "with_indices"));
  INGOT_ASSIGN_OR_RETURN(bool column_major, flag(node, "storage_order"));
  if (column_major && !with_indices) return Status::invalid("storage_order only applies with with_indices=1");
  INGOT_ASSIGN_OR_RETURN(Shape out, pooled_shape(node));
  std::vector<TensorType> types{TensorType{x.dtype, out, max_quant(x)}};
  if (with_indices) types.push_back(TensorType{DType::i64, out, std::nullopt});
  return types;
}

Types avg_pool_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  INGOT_RETURN_IF_ERROR(check_spatial_input(x));
  if (!is_float(x.dtype)) return Status::invalid("the input must be a float tensor");
  INGOT_RETURN_IF_ERROR(flag(node, "count_include_pad").status());
  INGOT_ASSIGN_OR_RETURN(Shape out, pooled_shape(node));
  return std::vector<TensorType>{{x.dtype, out}};
}

Status check_p(const Node& node) {
  double p = node.attr_f("p");
  if (!(p > 0)) return Status::invalid(fmt::format("p must be positive, not {}", p));
  return {};
}

Types lp_pool_rule(const Node& node) {
  INGOT_RETURN_IF_ERROR(check_p(node));
  return avg_pool_rule(node);
}

// Global pools keep the rank: [N, C, 1, 1, ...].
Types global_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  INGOT_RETURN_IF_ERROR(check_spatial_input(x));
  if (node.op() == OpKind::global_max_pool ? x.dtype == DType::boolean : !is_float(x.dtype)) {
    return Status::invalid(fmt::format("{} operands are not supported", dtype_name(x.dtype)));
  }
  if (node.op() == OpKind::global_lp_pool) INGOT_RETURN_IF_ERROR(check_p(node));
  Shape out(x.shape.size(), 1);
  out[0] = x.shape[0];
  out[1] = x.shape[1];
  const bool keeps_quant = node.op() == OpKind::global_max_pool;
  return std::vector<TensorType>{TensorType{x.dtype, out, keeps_quant ? max_quant(x) : std::nullopt}};
}

std::vector<AttrSpec> window_attrs(std::initializer_list<AttrSpec> extra) {
  std::vector<AttrSpec> attrs{{"kernel_shape", AttrType::i64s, true},
                              {"strides", AttrType::i64s, true},
                              {"pads", AttrType::i64s, true},
                              {"dilations", AttrType::i64s, true},
                              {"ceil_mode", AttrType::i64, true}};
  attrs.insert(attrs.end(), extra);
  return attrs;
}

constexpr AttrSpec kP{"p", AttrType::f64, true};

}  // namespace

std::vector<OpInfo> pool_ops() {
  return {
      // with_indices and storage_order may be absent (0): most max pools have one output.
      {OpKind::max_pool, {{"x"}}, window_attrs({{"with_indices", AttrType::i64}, {"storage_order", AttrType::i64}}), -1,
       max_pool_rule,
       "maximum over each window; padding never wins; with_indices=1 adds the i64 flat input index of each maximum "
       "(storage_order=1: spatial dims column-major)"},
      {OpKind::avg_pool, {{"x"}}, window_attrs({{"count_include_pad", AttrType::i64, true}}), 1, avg_pool_rule,
       "mean over each window; pads count in the divisor when count_include_pad=1"},
      {OpKind::lp_pool, {{"x"}}, window_attrs({kP}), 1, lp_pool_rule, "(sum of |x|^p over each window)^(1/p)"},
      {OpKind::global_avg_pool, {{"x"}}, {}, 1, global_rule, "mean over all spatial dims, kept as size 1"},
      {OpKind::global_max_pool, {{"x"}}, {}, 1, global_rule, "maximum over all spatial dims, kept as size 1"},
      {OpKind::global_lp_pool, {{"x"}}, {kP}, 1, global_rule,
       "(sum of |x|^p over all spatial dims)^(1/p), kept as size 1"},
  };
}

}  // namespace ingot::ops
