// resize: nearest / linear / cubic interpolation over any dims, with every
// coordinate transform of ONNX Resize (opset 11 and later; the importer maps
// Upsample and Resize-10 onto `asymmetric` + `floor`).
//
// The scale per dim is the `scales` attribute (one entry per dim; when the
// source gives output sizes, the importer writes out / in). Output dim i is
// floor(in_i * scale_i), computed in f32 as ONNX and onnxruntime compute it.
// When the scales or sizes are known only at run time, the node carries that
// tensor as the `scales` or `sizes` operand instead and the output type is the
// one the source model declares.
//
// grid_sample: ONNX GridSample (opset 16). x [N, C, H, W] is sampled at the
// normalised (x, y) points of grid [N, H_out, W_out, 2] (-1 and 1 are the
// centres of the edge pixels with align_corners=1, their outer edges with 0);
// the output is [N, C, H_out, W_out].
#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ir/ops/families.h"
#include "ir/ops/shape_util.h"

namespace ingot::ops {
namespace {

constexpr std::array<std::string_view, 3> kModes = {"nearest", "linear", "cubic"};
constexpr std::array<std::string_view, 6> kTransforms = {"half_pixel",  "pytorch_half_pixel",   "align_corners",
                                                         "asymmetric", "tf_half_pixel_for_nn", "tf_crop_and_resize"};
constexpr std::array<std::string_view, 4> kNearestModes = {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"};

template <size_t N>
Status check_choice(const Node& node, std::string_view name, const std::array<std::string_view, N>& choices) {
  std::string value = node.attr_s(name);
  if (std::find(choices.begin(), choices.end(), value) != choices.end()) return {};
  return Status::invalid(fmt::format("{} '{}' is not one of {}", name, value, fmt::join(choices, ", ")));
}

Status check_modes(const Node& node) {
  INGOT_RETURN_IF_ERROR(check_choice(node, "mode", kModes));
  INGOT_RETURN_IF_ERROR(check_choice(node, "coordinate_transformation_mode", kTransforms));
  INGOT_RETURN_IF_ERROR(check_choice(node, "nearest_mode", kNearestModes));
  int64_t exclude = node.attr_i("exclude_outside");
  if (exclude != 0 && exclude != 1) return Status::invalid(fmt::format("exclude_outside must be 0 or 1, not {}", exclude));
  return {};
}

// The roi ([starts..., ends...] in normalised coordinates) belongs to
// tf_crop_and_resize, and only to it.
Status check_roi(const Node& node, int64_t rank) {
  const bool crop = node.attr_s("coordinate_transformation_mode") == "tf_crop_and_resize";
  if (!crop) {
    if (node.has_attr("roi")) return Status::invalid("roi is only used by tf_crop_and_resize");
    return {};
  }
  if (!node.has_attr("roi")) return Status::invalid("tf_crop_and_resize needs the roi attribute");
  size_t size = node.attr_floats("roi").size();
  if (size != static_cast<size_t>(2 * rank)) {
    return Status::invalid(fmt::format("roi must have {} entries (starts, then ends), not {}", 2 * rank, size));
  }
  return {};
}

Result<Shape> scaled_shape(const TensorType& x, const std::vector<double>& scales) {
  if (scales.size() != x.shape.size()) {
    return Status::invalid(fmt::format("scales must have {} entries, one per dim, not {}", x.rank(), scales.size()));
  }
  Shape out;
  for (size_t i = 0; i < scales.size(); ++i) {
    if (!(scales[i] > 0) || !std::isfinite(scales[i])) {
      return Status::invalid(fmt::format("scale {} of dim {} must be positive and finite", scales[i], i));
    }
    // f32 arithmetic, like ONNX's shape inference, so that both agree.
    float size = std::floor(static_cast<float>(x.shape[i]) * static_cast<float>(scales[i]));
    if (!(size <= static_cast<float>(kMaxElements))) return Status::invalid(fmt::format("scale {} makes dim {} too large", scales[i], i));
    if (size < 1 && x.shape[i] > 0) return Status::invalid(fmt::format("scale {} shrinks dim {} to nothing", scales[i], i));
    out.push_back(static_cast<int64_t>(size));
  }
  return out;
}

// A run-time scales (float) or sizes (i64) operand: a 1-D tensor, one entry per dim.
Types runtime_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  const bool has_scales = node.input(1) != nullptr;
  const TensorType& operand = node.input(has_scales ? 1 : 2)->type();
  if (has_scales ? !is_float(operand.dtype) : operand.dtype != DType::i64) {
    return Status::invalid(has_scales ? "the scales operand must be a float tensor" : "the sizes operand must be an i64 tensor");
  }
  if (operand.shape != Shape{x.rank()}) {
    return Status::invalid(fmt::format("the {} operand must be [{}], one entry per dim, not [{}]",
                                       has_scales ? "scales" : "sizes", x.rank(), shape_to_string(operand.shape)));
  }
  INGOT_ASSIGN_OR_RETURN(std::vector<TensorType> declared, declared_outputs(node));
  if (declared.size() != 1 || declared[0].dtype != x.dtype || declared[0].rank() != x.rank()) {
    return Status::invalid("with run-time scales or sizes the declared output must have the input's dtype and rank");
  }
  return declared;
}

Types resize_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  if (x.dtype == DType::boolean) return Status::invalid("cannot resize a bool tensor");
  INGOT_RETURN_IF_ERROR(check_modes(node));
  INGOT_RETURN_IF_ERROR(check_roi(node, x.rank()));
  const int given = (node.has_attr("scales") ? 1 : 0) + (node.input(1) ? 1 : 0) + (node.input(2) ? 1 : 0);
  if (given != 1) return Status::invalid("exactly one of the scales attribute, the scales operand and the sizes operand must be given");
  if (!node.has_attr("scales")) return runtime_rule(node);
  INGOT_ASSIGN_OR_RETURN(Shape out, scaled_shape(x, node.attr_floats("scales")));
  return std::vector<TensorType>{{x.dtype, out}};
}

constexpr std::array<std::string_view, 3> kSampleModes = {"bilinear", "nearest", "bicubic"};
constexpr std::array<std::string_view, 3> kPaddingModes = {"zeros", "border", "reflection"};

Types grid_sample_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  const TensorType& grid = input_type(node, 1);
  INGOT_RETURN_IF_ERROR(check_choice(node, "mode", kSampleModes));
  INGOT_RETURN_IF_ERROR(check_choice(node, "padding_mode", kPaddingModes));
  int64_t align = node.attr_i("align_corners");
  if (align != 0 && align != 1) return Status::invalid(fmt::format("align_corners must be 0 or 1, not {}", align));
  if (!is_float(x.dtype) || !is_float(grid.dtype)) return Status::invalid("x and grid must be float tensors");
  if (x.rank() != 4) return Status::invalid(fmt::format("x must have rank 4 (N, C, H, W), not {}", x.rank()));
  if (grid.rank() != 4 || grid.shape[3] != 2) {
    return Status::invalid(fmt::format("grid must be [N, H_out, W_out, 2], not [{}]", shape_to_string(grid.shape)));
  }
  if (grid.shape[0] != x.shape[0]) {
    return Status::invalid(fmt::format("grid has batch {} but x has {}", grid.shape[0], x.shape[0]));
  }
  return std::vector<TensorType>{{x.dtype, {x.shape[0], x.shape[1], grid.shape[1], grid.shape[2]}}};
}

}  // namespace

std::vector<OpInfo> resample_ops() {
  return {
      {OpKind::resize,
       {{"x"}, {"scales", true}, {"sizes", true}},
       {{"mode", AttrType::str, true},
        {"coordinate_transformation_mode", AttrType::str, true},
        {"nearest_mode", AttrType::str, true},
        {"cubic_coeff_a", AttrType::f64, true},
        {"exclude_outside", AttrType::i64, true},
        {"extrapolation_value", AttrType::f64, true},
        {"scales", AttrType::f64s},
        {"roi", AttrType::f64s}},
       1,
       resize_rule,
       "nearest/linear/cubic resize with ONNX's coordinate transforms; out dim = floor(in * scale)"},
      {OpKind::grid_sample,
       {{"x"}, {"grid"}},
       {{"mode", AttrType::str, true}, {"padding_mode", AttrType::str, true}, {"align_corners", AttrType::i64, true}},
       1,
       grid_sample_rule,
       "sample x [N,C,H,W] at the normalised (x, y) points of grid [N,Ho,Wo,2]: bilinear/nearest/bicubic, "
       "padding zeros/border/reflection"},
  };
}

}  // namespace ingot::ops
