// ONNX pooling: MaxPool, AveragePool, LpPool and their global forms.
//
// Defaults become explicit attributes and auto_pad becomes explicit pads, as
// the operator spec computes them (SAME: output = ceil(in / stride)).
#include <algorithm>

#include <fmt/format.h>

#include "importers/onnx/converters.h"

namespace ingot::onnx_import {
namespace {

// kernel_shape, strides, pads (auto_pad resolved), dilations and ceil_mode.
Result<AttrMap> window_attrs(const ConvertContext& ctx, const Shape& x) {
  if (x.size() < 3) return Status::invalid(fmt::format("the input must have rank 3 or more (N, C, spatial...), not {}", x.size()));
  const size_t spatial = x.size() - 2;
  if (ctx.attr_ints("kernel_shape").empty()) return Status::invalid("kernel_shape is required");
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> kernel, spatial_ints(ctx, "kernel_shape", spatial, 1, 1));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> strides, spatial_ints(ctx, "strides", spatial, 1, 1));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> dilations, spatial_ints(ctx, "dilations", spatial, 1, 1));
  std::vector<int64_t> pads(2 * spatial, 0);
  const std::string auto_pad = ctx.attr_string("auto_pad", "NOTSET");
  if (auto_pad == "NOTSET") {
    INGOT_ASSIGN_OR_RETURN(pads, spatial_ints(ctx, "pads", 2 * spatial, 0, 0));
  } else if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    for (size_t i = 0; i < spatial; ++i) {
      if (kernel[i] - 1 > kMaxElements / dilations[i]) return Status::invalid("the dilated kernel is too large");
      const int64_t extent = (kernel[i] - 1) * dilations[i] + 1;
      const int64_t out = (x[2 + i] + strides[i] - 1) / strides[i];
      const int64_t total = std::max<int64_t>(0, (out - 1) * strides[i] + extent - x[2 + i]);
      // SAME_UPPER puts the odd one at the end, SAME_LOWER at the beginning.
      pads[i] = auto_pad == "SAME_UPPER" ? total / 2 : total - total / 2;
      pads[spatial + i] = total - pads[i];
    }
  } else if (auto_pad != "VALID") {
    return Status::invalid(fmt::format("auto_pad '{}' is not NOTSET, VALID, SAME_UPPER or SAME_LOWER", auto_pad));
  }
  return AttrMap{{"kernel_shape", std::move(kernel)},
                 {"strides", std::move(strides)},
                 {"pads", std::move(pads)},
                 {"dilations", std::move(dilations)},
                 {"ceil_mode", ctx.attr_int("ceil_mode", 0)}};
}

// The Indices output (opset 8 on) becomes with_indices=1; storage_order only
// matters for it, so without indices it is normalised to 0.
Status max_pool(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(AttrMap attrs, window_attrs(ctx, x->type().shape));
  const bool with_indices = ctx.output_used(1);
  const int64_t storage_order = ctx.attr_int("storage_order", 0);
  if (storage_order != 0 && storage_order != 1) {
    return Status::invalid(fmt::format("storage_order must be 0 or 1, not {}", storage_order));
  }
  attrs["with_indices"] = int64_t{with_indices ? 1 : 0};
  attrs["storage_order"] = with_indices ? storage_order : int64_t{0};
  return ctx.emit_final(OpKind::max_pool, {x}, std::move(attrs));
}

Status average_pool(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(AttrMap attrs, window_attrs(ctx, x->type().shape));
  attrs["count_include_pad"] = ctx.attr_int("count_include_pad", 0);
  return ctx.emit_final(OpKind::avg_pool, {x}, std::move(attrs));
}

// p is a float attribute in opset 1 and an int one from opset 2; default 2.
double norm_p(const ConvertContext& ctx) {
  const onnx::AttributeProto* attr = ctx.find_attr("p");
  if (attr == nullptr) return 2.0;
  return attr->type() == onnx::AttributeProto::INT ? static_cast<double>(attr->i()) : attr->f();
}

Status lp_pool(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(AttrMap attrs, window_attrs(ctx, x->type().shape));
  attrs["p"] = norm_p(ctx);
  return ctx.emit_final(OpKind::lp_pool, {x}, std::move(attrs));
}

template <OpKind kOp>
Status global_pool(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  AttrMap attrs;
  if (kOp == OpKind::global_lp_pool) attrs["p"] = norm_p(ctx);
  return ctx.emit_final(kOp, {x}, std::move(attrs));
}

}  // namespace

std::vector<ConverterEntry> pool_converters() {
  using K = OpKind;
  return {
      {"MaxPool", max_pool, {K::max_pool}},
      {"AveragePool", average_pool, {K::avg_pool}},
      {"LpPool", lp_pool, {K::lp_pool}},
      {"GlobalAveragePool", global_pool<K::global_avg_pool>, {K::global_avg_pool}},
      {"GlobalMaxPool", global_pool<K::global_max_pool>, {K::global_max_pool}},
      {"GlobalLpPool", global_pool<K::global_lp_pool>, {K::global_lp_pool}},
  };
}

}  // namespace ingot::onnx_import
