// Pooling: max_pool{1,2,3}d (with_indices when only the values are used),
// avg_pool{1,2,3}d, adaptive average pooling (global, or an exact window when
// the output divides the input).
#include <fmt/format.h>

#include "importers/aten/converters.h"

namespace ingot::aten {
namespace {

Result<std::vector<int64_t>> per_dim(ConvertContext& ctx, std::string_view name, size_t spatial,
                                     std::optional<std::vector<int64_t>> fallback, int64_t min) {
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> values, ctx.ints_arg(name, fallback));
  if (values.size() == 1) values.assign(spatial, values[0]);
  if (values.size() != spatial) return Status::invalid(fmt::format("{} has {} entries for {} spatial dims", name, values.size(), spatial));
  for (int64_t v : values) {
    if (v < min || v > kMaxElements) return Status::invalid(fmt::format("{} holds {}, outside [{}, 2^40]", name, v, min));
  }
  return values;
}

// kernel_size, stride (empty: the kernel), padding, dilation, ceil_mode.
Result<AttrMap> window(ConvertContext& ctx, size_t spatial, bool has_dilation) {
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> kernel, per_dim(ctx, "kernel_size", spatial, std::nullopt, 1));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> stride, ctx.ints_arg("stride", std::vector<int64_t>{}));
  if (stride.empty()) stride = kernel;
  if (stride.size() == 1) stride.assign(spatial, stride[0]);
  if (stride.size() != spatial) return Status::invalid("stride must have one entry per spatial dim");
  for (int64_t s : stride) {
    if (s < 1 || s > kMaxElements) return Status::invalid(fmt::format("stride {} must be positive", s));
  }
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> padding, per_dim(ctx, "padding", spatial, std::vector<int64_t>{0}, 0));
  std::vector<int64_t> dilation(spatial, 1);
  if (has_dilation) {
    INGOT_ASSIGN_OR_RETURN(dilation, per_dim(ctx, "dilation", spatial, std::vector<int64_t>{1}, 1));
  }
  INGOT_ASSIGN_OR_RETURN(bool ceil_mode, ctx.bool_arg("ceil_mode", false));
  std::vector<int64_t> pads = padding;
  pads.insert(pads.end(), padding.begin(), padding.end());
  return AttrMap{{"kernel_shape", kernel}, {"strides", stride}, {"pads", pads}, {"dilations", dilation},
                 {"ceil_mode", int64_t{ceil_mode}}};
}

Result<size_t> spatial_dims(Value* x, size_t expected) {
  if (x->type().rank() != static_cast<int64_t>(expected + 2)) {
    return Status::invalid(fmt::format("the input must have rank {} (batched), not {}", expected + 2, x->type().rank()));
  }
  return expected;
}

template <size_t kSpatial>
Status max_pool(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(size_t spatial, spatial_dims(x, kSpatial));
  if (ctx.output_used(1)) return Status::invalid("the indices output is not supported (torch's indices are per plane)");
  INGOT_ASSIGN_OR_RETURN(AttrMap attrs, window(ctx, spatial, true));
  return ctx.emit_final(OpKind::max_pool, {x}, attrs);
}

template <size_t kSpatial>
Status avg_pool(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(size_t spatial, spatial_dims(x, kSpatial));
  if (ctx.arg("divisor_override") != nullptr) return Status::invalid("divisor_override is not supported");
  INGOT_ASSIGN_OR_RETURN(AttrMap attrs, window(ctx, spatial, false));
  INGOT_ASSIGN_OR_RETURN(bool count_include_pad, ctx.bool_arg("count_include_pad", true));
  attrs["count_include_pad"] = int64_t{count_include_pad};
  return ctx.emit_final(OpKind::avg_pool, {x}, attrs);
}

// Adaptive average pooling: global when the output is all ones, else a fixed
// window when every input dim is a multiple of the output dim.
Status adaptive_avg_pool(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> size, ctx.ints_arg("output_size"));
  const Shape& in = x->type().shape;
  if (in.size() != size.size() + 2) return Status::invalid("unbatched input is not supported");
  const size_t spatial = size.size();
  bool global = true;
  std::vector<int64_t> kernel;
  for (size_t i = 0; i < spatial; ++i) {
    if (size[i] <= 0 || in[2 + i] % size[i] != 0) {
      return Status::invalid(fmt::format("output size {} does not divide input size {}; uneven windows are not supported", size[i], in[2 + i]));
    }
    global = global && size[i] == 1;
    kernel.push_back(in[2 + i] / size[i]);
  }
  if (global) return ctx.emit_final(OpKind::global_avg_pool, {x});
  return ctx.emit_final(OpKind::avg_pool, {x},
                        {{"kernel_shape", kernel}, {"strides", kernel}, {"pads", std::vector<int64_t>(2 * spatial, 0)},
                         {"dilations", std::vector<int64_t>(spatial, 1)}, {"ceil_mode", int64_t{0}}, {"count_include_pad", int64_t{0}}});
}

}  // namespace

std::vector<ConverterEntry> pool_converters() {
  using K = OpKind;
  return {
      {"aten.max_pool1d.default", max_pool<1>, {K::max_pool}},
      {"aten.max_pool2d.default", max_pool<2>, {K::max_pool}},
      {"aten.max_pool3d.default", max_pool<3>, {K::max_pool}},
      {"aten.max_pool2d_with_indices.default", max_pool<2>, {K::max_pool}},
      {"aten.max_pool3d_with_indices.default", max_pool<3>, {K::max_pool}},
      {"aten.avg_pool1d.default", avg_pool<1>, {K::avg_pool}},
      {"aten.avg_pool2d.default", avg_pool<2>, {K::avg_pool}},
      {"aten.avg_pool3d.default", avg_pool<3>, {K::avg_pool}},
      {"aten.adaptive_avg_pool1d.default", adaptive_avg_pool, {K::global_avg_pool, K::avg_pool}},
      {"aten.adaptive_avg_pool2d.default", adaptive_avg_pool, {K::global_avg_pool, K::avg_pool}},
      {"aten._adaptive_avg_pool2d.default", adaptive_avg_pool, {K::global_avg_pool, K::avg_pool}},
      {"aten._adaptive_avg_pool3d.default", adaptive_avg_pool, {K::global_avg_pool, K::avg_pool}},
  };
}

}  // namespace ingot::aten
