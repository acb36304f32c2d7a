#include "passes/fuse_expand_depthwise.h"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "ir/ops/fused_activation.h"
#include "passes/rewrite.h"

namespace ingot {
namespace {

bool all_equal(const std::vector<int64_t>& values, int64_t expected) {
  return std::all_of(values.begin(), values.end(), [&](int64_t v) { return v == expected; });
}

bool constant_f32(const Value* value) {
  return value != nullptr && value->is_constant() && !value->type().quant && value->type().dtype == DType::f32;
}

// A 2-D f32 depthwise conv (group = channels = outputs) without packing.
bool is_depthwise(const Node& node) {
  if (node.op() != OpKind::conv || node.inputs().size() < 2 || node.has_attr("packed")) return false;
  const TensorType& x = node.input(0)->type();
  const Shape& w = node.input(1)->type().shape;
  return x.dtype == DType::f32 && x.rank() == 4 && w.size() == 4 && node.attr_i("group", 1) == x.shape[1] && w[0] == x.shape[1] && w[1] == 1;
}

// A 2-D f32 1x1 conv of unit strides, no padding and one group, of constant weights and bias.
bool is_expand(const Node& node) {
  if (node.op() != OpKind::conv || node.has_attr("packed") || node.attr_i("group", 1) != 1) return false;
  const Shape& w = node.input(1)->type().shape;
  if (node.input(0)->type().rank() != 4 || w.size() != 4 || w[2] != 1 || w[3] != 1 || !constant_f32(node.input(1))) return false;
  const Value* bias = node.inputs().size() > 2 ? node.input(2) : nullptr;
  if (bias != nullptr && !constant_f32(bias)) return false;
  return all_equal(node.attr_ints("strides"), 1) && all_equal(node.attr_ints("pads"), 0) && all_equal(node.attr_ints("dilations"), 1);
}

// The 1x1 conv's weights [E, C, 1, 1] transposed: w_expand [C, E].
Value* transposed_weights(Graph& graph, const Value& w) {
  const Shape& shape = w.type().shape;
  const int64_t e = shape[0], c = shape[1];
  std::vector<float> in(static_cast<size_t>(e * c));
  std::memcpy(in.data(), w.constant()->data(), in.size() * sizeof(float));
  auto bytes = std::make_shared<std::vector<uint8_t>>(in.size() * sizeof(float));
  float* out = reinterpret_cast<float*>(bytes->data());
  for (int64_t m = 0; m < e; ++m) {
    for (int64_t k = 0; k < c; ++k) out[k * e + m] = in[m * c + k];
  }
  TensorType type = w.type();
  type.shape = {c, e};
  return graph.add_constant(w.name() + "_t", type, std::move(bytes));
}

// The node's bias, or zeros: expand_depthwise takes both biases.
Value* bias_or_zeros(Graph& graph, const Node& conv, int64_t channels) {
  if (conv.inputs().size() > 2 && conv.input(2) != nullptr) return conv.input(2);
  return add_constant_values(graph, conv.name() + "_zero_bias", DType::f32, {channels}, std::vector<double>(channels, 0.0));
}

void copy_attr(const AttrMap& from, std::string_view name, AttrMap& to, std::string_view as) {
  auto it = from.find(name);
  if (it != from.end()) to[std::string(as)] = it->second;
}

// "a+b", or the one that is not empty.
std::string joined(const std::string& a, const std::string& b) { return a.empty() || b.empty() ? a + b : a + "+" + b; }

}  // namespace

ExpandDepthwiseFusion fuse_expand_depthwise(Graph& graph, const KernelTable& kernels) {
  ExpandDepthwiseFusion result;
  const std::unordered_map<const Value*, int> uses = count_uses(graph);
  for (Node* depthwise : graph.nodes()) {
    if (!is_depthwise(*depthwise)) continue;
    Value* expanded = depthwise->input(0);
    Node* expand = expanded->producer();
    if (expand == nullptr || !is_expand(*expand) || uses.at(expanded) != 1 || graph.is_output(expanded)) continue;
    const int64_t channels = expanded->type().shape[1];
    AttrMap attrs;
    for (const char* name : {"strides", "pads", "dilations", "activation", "activation_params"}) copy_attr(depthwise->attrs(), name, attrs, name);
    copy_attr(expand->attrs(), kActivationAttr.name, attrs, kExpandActivationAttr.name);
    copy_attr(expand->attrs(), kActivationParamsAttr.name, attrs, kExpandActivationParamsAttr.name);
    Result<Value*> fused = emit_before(graph, *depthwise, OpKind::expand_depthwise,
                                       {expand->input(0), transposed_weights(graph, *expand->input(1)), bias_or_zeros(graph, *expand, channels),
                                        depthwise->input(1), bias_or_zeros(graph, *depthwise, channels)},
                                       std::move(attrs));
    if (!fused.ok()) continue;
    Node* node = (*fused)->producer();
    // Left dead (erase_dead_nodes sweeps it) where no fast kernel takes it.
    if (std::string why = kernels.unfit_any_layout(*node); !why.empty()) {
      ++result.left_apart[why];
      continue;
    }
    if (!forward_output(graph, *depthwise, *fused)) continue;
    // Both names and locations: the report shows what the node computes.
    node->set_name(joined(expand->name(), depthwise->name()));
    node->set_source_op(joined(expand->source_op(), depthwise->source_op()));
    ++result.fused;
  }
  return result;
}

}  // namespace ingot
