#include "ir/ops/fused_activation.h"

#include <limits>

#include <fmt/format.h>

namespace ingot {
namespace {

struct KindSpec {
  OpKind op;
  size_t num_params;
};

// The activations a kernel can apply to its result, and how many parameters
// each takes.
constexpr KindSpec kKinds[] = {
    {OpKind::relu, 0},       {OpKind::clip, 2},         {OpKind::sigmoid, 0},    {OpKind::tanh, 0},
    {OpKind::hard_swish, 0}, {OpKind::hard_sigmoid, 2}, {OpKind::leaky_relu, 1}, {OpKind::silu, 0},
};

const KindSpec* find_kind(std::string_view name) {
  for (const KindSpec& kind : kKinds) {
    if (op_name(kind.op) == name) return &kind;
  }
  return nullptr;
}

}  // namespace

std::optional<FusedActivation> fused_form(const Node& activation) {
  if (find_kind(op_name(activation.op())) == nullptr) return std::nullopt;
  FusedActivation fused{std::string(op_name(activation.op())), {}};
  constexpr double kInf = std::numeric_limits<double>::infinity();
  switch (activation.op()) {
    case OpKind::clip:
      fused.params = {activation.attr_f("min", -kInf), activation.attr_f("max", kInf)};
      break;
    case OpKind::leaky_relu:
      fused.params = {activation.attr_f("alpha", 0.01)};
      break;
    case OpKind::hard_sigmoid:
      fused.params = {activation.attr_f("alpha", 0.2), activation.attr_f("beta", 0.5)};
      break;
    default:
      break;
  }
  return fused;
}

Status check_fused_activation(const Node& node, DType result, const AttrSpec& kind_attr, const AttrSpec& params_attr) {
  if (!node.has_attr(kind_attr.name)) {
    if (node.has_attr(params_attr.name)) return Status::invalid(fmt::format("{} without {}", params_attr.name, kind_attr.name));
    return {};
  }
  const std::string name = node.attr_s(kind_attr.name);
  const KindSpec* kind = find_kind(name);
  if (kind == nullptr) {
    return Status::invalid(fmt::format("unknown fused activation '{}' (known: relu, clip, sigmoid, tanh, hard_swish, "
                                       "hard_sigmoid, leaky_relu, silu)",
                                       name));
  }
  const size_t params = node.attr_floats(params_attr.name).size();
  if (params != kind->num_params) {
    return Status::invalid(fmt::format("fused activation {} takes {} parameters, not {}", name, kind->num_params, params));
  }
  if (!is_float(result)) return Status::invalid("a fused activation needs a float result");
  return {};
}

}  // namespace ingot
