#include "passes/fold_batch_norm.h"

#include <cmath>

#include "passes/rewrite.h"

namespace ingot {
namespace {

struct ChannelAffine {
  std::vector<double> scale;  // s[m]
  std::vector<double> shift;  // beta[m] - mean[m] * s[m]
};

std::optional<ChannelAffine> read_batch_norm(const Node& bn) {
  auto gamma = constant_values(bn.input(1));
  auto beta = constant_values(bn.input(2));
  auto mean = constant_values(bn.input(3));
  auto var = constant_values(bn.input(4));
  if (!gamma || !beta || !mean || !var) return std::nullopt;
  const double epsilon = bn.attr_f("epsilon", 1e-5);
  ChannelAffine affine;
  for (size_t m = 0; m < gamma->size(); ++m) {
    const double s = (*gamma)[m] / std::sqrt((*var)[m] + epsilon);
    affine.scale.push_back(s);
    affine.shift.push_back((*beta)[m] - (*mean)[m] * s);
  }
  return affine;
}

// The producer of the batch_norm's operand, when nothing else reads its result.
Node* sole_producer(const Graph& graph, const Node& bn, const std::unordered_map<const Value*, int>& uses) {
  Value* x = bn.input(0);
  Node* producer = x->producer();
  if (producer == nullptr || uses.at(x) != 1 || graph.is_output(x)) return nullptr;
  if (producer->has_attr("activation")) return nullptr;
  return producer;
}

// New bias: (b - mean) * s + beta = b * s + shift, with b = 0 when absent.
Value* folded_bias(Graph& graph, const Value* bias, const ChannelAffine& affine, const std::string& name, DType dtype) {
  std::vector<double> values = affine.shift;
  if (auto b = constant_values(bias)) {
    for (size_t m = 0; m < values.size(); ++m) values[m] += (*b)[m] * affine.scale[m];
  }
  return add_constant_values(graph, name, dtype, {static_cast<int64_t>(values.size())}, values);
}

// conv: w is [M, C/group, k...]; every element of output channel m scales by s[m].
bool fold_into_conv(Graph& graph, Node& conv, const ChannelAffine& affine) {
  const Value* w = conv.input(1);
  auto weights = constant_values(w);
  if (!weights || w->type().quant) return false;
  const size_t per_channel = weights->size() / affine.scale.size();
  for (size_t i = 0; i < weights->size(); ++i) (*weights)[i] *= affine.scale[i / per_channel];
  const DType dtype = w->type().dtype;
  conv.set_input(1, add_constant_values(graph, w->name() + "_bn", dtype, w->type().shape, *weights));
  Value* bias = folded_bias(graph, conv.input(2), affine, (w->name() + "_bn_bias"), dtype);
  std::vector<Value*> inputs = conv.inputs();
  inputs.resize(3);
  inputs[2] = bias;
  conv.set_inputs(std::move(inputs));
  return true;
}

// gemm: output column n scales by s[n], so op(b)'s column n does, and c
// (when it is per column or absent) becomes the folded bias with beta = 1.
bool fold_into_gemm(Graph& graph, Node& gemm, const ChannelAffine& affine) {
  const Value* b = gemm.input(1);
  auto weights = constant_values(b);
  const Value* c = gemm.input(2);
  const bool c_per_column = c == nullptr || c->type().shape == Shape{static_cast<int64_t>(affine.scale.size())};
  if (!weights || b->type().quant || !c_per_column) return false;
  const bool trans_b = gemm.attr_i("trans_b") == 1;
  const int64_t cols = b->type().shape[1];
  for (size_t i = 0; i < weights->size(); ++i) {
    const size_t n = trans_b ? i / static_cast<size_t>(cols) : i % static_cast<size_t>(cols);
    (*weights)[i] *= affine.scale[n];
  }
  const DType dtype = b->type().dtype;
  gemm.set_input(1, add_constant_values(graph, b->name() + "_bn", dtype, b->type().shape, *weights));
  // beta * c is the bias the batch_norm sees.
  ChannelAffine scaled = affine;
  if (c != nullptr) {
    const double beta = gemm.attr_f("beta", 1.0);
    for (double& s : scaled.scale) s *= beta;
  }
  std::vector<Value*> inputs = gemm.inputs();
  inputs.resize(3);
  inputs[2] = folded_bias(graph, c, scaled, b->name() + "_bn_bias", dtype);
  gemm.set_inputs(std::move(inputs));
  gemm.mutable_attrs()["beta"] = 1.0;
  return true;
}

}  // namespace

int64_t fold_batch_norms(Graph& graph) {
  int64_t folded = 0;
  std::unordered_map<const Value*, int> uses = count_uses(graph);
  for (Node* bn : graph.nodes()) {
    if (bn->op() != OpKind::batch_norm || !is_float(bn->output(0)->type().dtype)) continue;
    Node* producer = sole_producer(graph, *bn, uses);
    if (producer == nullptr || !graph.can_replace(bn->output(0), producer->output(0))) continue;
    std::optional<ChannelAffine> affine = read_batch_norm(*bn);
    if (!affine) continue;
    bool done = false;
    if (producer->op() == OpKind::conv) done = fold_into_conv(graph, *producer, *affine);
    if (producer->op() == OpKind::gemm && bn->output(0)->type().rank() == 2) done = fold_into_gemm(graph, *producer, *affine);
    if (!done) continue;
    graph.replace_all_uses(bn->output(0), producer->output(0));
    ++folded;
  }
  return folded;
}

}  // namespace ingot
