// Resampling and padding modes: upsample_nearest{1,2,3}d / upsample_bilinear2d
// (resize), grid_sampler_2d (grid_sample), reflection / replication padding
// and aten.pad (pad).
#include <cmath>

#include <fmt/format.h>

#include "importers/aten/converters.h"

namespace ingot::aten {
namespace {

// The scale of one spatial dim: torch's scale factor when given (its
// coordinate mapping uses it), else out / in, nudged up in the last bits
// where f32 rounding would make floor(in * scale) fall short of out (the
// kernel snaps such a scale back to out / in).
double dim_scale(int64_t in, int64_t out, std::optional<double> factor) {
  if (factor) return *factor;
  double scale = static_cast<double>(out) / static_cast<double>(in);
  while (std::floor(static_cast<float>(in) * static_cast<float>(scale)) < static_cast<float>(out)) {
    scale = std::nextafter(static_cast<double>(static_cast<float>(scale)), 2 * scale);
  }
  return scale;
}

Status upsample(ConvertContext& ctx, const std::string& mode) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("input"));
  INGOT_ASSIGN_OR_RETURN(TensorType out, ctx.output_type(0));
  if (out.rank() != x->type().rank() || x->type().rank() < 3) return Status::invalid("upsampling takes [N, C, spatial...] tensors");
  std::vector<double> factors;
  if (const Argument* given = ctx.arg("scale_factors"); given != nullptr && given->kind == Argument::Kind::reals) {
    factors = given->reals;
  }
  const size_t spatial = static_cast<size_t>(x->type().rank() - 2);
  if (!factors.empty() && factors.size() != spatial) return Status::invalid("scale_factors must have one entry per spatial dim");
  std::vector<double> scales{1.0, 1.0};
  for (size_t i = 0; i < spatial; ++i) {
    const int64_t in = x->type().shape[2 + i];
    if (in < 1) return Status::invalid("cannot upsample an empty dim");
    std::optional<double> factor = factors.empty() ? std::nullopt : std::optional<double>(factors[i]);
    scales.push_back(dim_scale(in, out.shape[2 + i], factor));
  }
  std::string transform = "asymmetric";
  if (mode == "linear") {
    INGOT_ASSIGN_OR_RETURN(bool align_corners, ctx.bool_arg("align_corners", false));
    transform = align_corners ? "align_corners" : "pytorch_half_pixel";
  }
  return ctx.emit_final(OpKind::resize, {x},
                        {{"mode", mode}, {"coordinate_transformation_mode", transform}, {"nearest_mode", std::string("floor")},
                         {"cubic_coeff_a", -0.75}, {"exclude_outside", int64_t{0}}, {"extrapolation_value", 0.0}, {"scales", scales}});
}

Status upsample_nearest(ConvertContext& ctx) { return upsample(ctx, "nearest"); }
Status upsample_linear(ConvertContext& ctx) { return upsample(ctx, "linear"); }

// torch's pad list runs from the last dim backwards, (begin, end) pairs.
Status emit_pad(ConvertContext& ctx, Value* x, const std::vector<int64_t>& pad, const std::string& mode, double value) {
  const int64_t rank = x->type().rank();
  if (pad.size() % 2 != 0 || static_cast<int64_t>(pad.size()) > 2 * rank) return Status::invalid("pad must hold pairs, at most two per dim");
  std::vector<int64_t> pads(static_cast<size_t>(2 * rank), 0);
  for (size_t i = 0; i < pad.size() / 2; ++i) {
    const int64_t dim = rank - 1 - static_cast<int64_t>(i);
    pads[dim] = pad[2 * i];
    pads[rank + dim] = pad[2 * i + 1];
    if (mode == "reflect" && (pad[2 * i] >= x->type().shape[dim] || pad[2 * i + 1] >= x->type().shape[dim])) {
      return Status::invalid(fmt::format("reflection padding {} must be smaller than the dim {}", std::max(pad[2 * i], pad[2 * i + 1]), x->type().shape[dim]));
    }
  }
  AttrMap attrs{{"pads", pads}, {"mode", mode}, {"value", value}};
  return ctx.emit_final(OpKind::pad, {x}, attrs);
}

template <const char* kMode>
Status mode_pad(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> pad, ctx.ints_arg("padding"));
  return emit_pad(ctx, x, pad, kMode, 0.0);
}
constexpr char kReflect[] = "reflect";
constexpr char kEdge[] = "edge";

// aten.pad(self, pad, mode="constant", value=None)
Status pad(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> pad, ctx.ints_arg("pad"));
  INGOT_ASSIGN_OR_RETURN(std::string mode, ctx.string_arg("mode", "constant"));
  INGOT_ASSIGN_OR_RETURN(double value, ctx.float_arg("value", 0.0));
  if (mode == "replicate") mode = "edge";
  if (mode != "constant" && mode != "reflect" && mode != "edge") return Status::invalid(fmt::format("pad mode '{}' is not supported", mode));
  return emit_pad(ctx, x, pad, mode, value);
}

// grid_sampler_2d(input, grid, interpolation_mode, padding_mode, align_corners):
// the modes are enums (0 bilinear / 1 nearest / 2 bicubic; 0 zeros / 1 border /
// 2 reflection), as in ONNX's GridSample, which ingot's grid_sample follows.
Status grid_sampler(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("input"));
  INGOT_ASSIGN_OR_RETURN(Value* grid, ctx.tensor("grid"));
  INGOT_ASSIGN_OR_RETURN(int64_t interpolation, ctx.int_arg("interpolation_mode"));
  INGOT_ASSIGN_OR_RETURN(int64_t padding, ctx.int_arg("padding_mode"));
  INGOT_ASSIGN_OR_RETURN(bool align_corners, ctx.bool_arg("align_corners"));
  static const char* const kModes[] = {"bilinear", "nearest", "bicubic"};
  static const char* const kPadding[] = {"zeros", "border", "reflection"};
  if (interpolation < 0 || interpolation > 2 || padding < 0 || padding > 2) {
    return Status::invalid(fmt::format("interpolation mode {} / padding mode {} is unknown", interpolation, padding));
  }
  return ctx.emit_final(OpKind::grid_sample, {x, grid},
                        {{"mode", std::string(kModes[interpolation])}, {"padding_mode", std::string(kPadding[padding])},
                         {"align_corners", int64_t{align_corners}}});
}

}  // namespace

std::vector<ConverterEntry> resample_converters() {
  using K = OpKind;
  return {
      {"aten.upsample_nearest1d.vec", upsample_nearest, {K::resize}},
      {"aten.upsample_nearest2d.vec", upsample_nearest, {K::resize}},
      {"aten.upsample_nearest3d.vec", upsample_nearest, {K::resize}},
      {"aten.upsample_bilinear2d.vec", upsample_linear, {K::resize}},
      {"aten.upsample_linear1d.vec", upsample_linear, {K::resize}},
      {"aten.upsample_trilinear3d.vec", upsample_linear, {K::resize}},
      {"aten.reflection_pad1d.default", mode_pad<kReflect>, {K::pad}},
      {"aten.reflection_pad2d.default", mode_pad<kReflect>, {K::pad}},
      {"aten.reflection_pad3d.default", mode_pad<kReflect>, {K::pad}},
      {"aten.replication_pad1d.default", mode_pad<kEdge>, {K::pad}},
      {"aten.replication_pad2d.default", mode_pad<kEdge>, {K::pad}},
      {"aten.replication_pad3d.default", mode_pad<kEdge>, {K::pad}},
      {"aten.pad.default", pad, {K::pad}},
      {"aten.grid_sampler_2d.default", grid_sampler, {K::grid_sample}},
      {"aten.grid_sampler.default", grid_sampler, {K::grid_sample}},
  };
}

}  // namespace ingot::aten
