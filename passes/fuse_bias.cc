#include "passes/fuse_bias.h"

#include "passes/rewrite.h"

namespace ingot {
namespace {

// The values of `c` when, broadcast against a result of shape `out`, it holds
// one value per index of axis `axis` and is constant along every other axis.
std::optional<std::vector<double>> per_axis_values(const Value* c, const Shape& out, size_t axis) {
  auto values = constant_values(c);
  if (!values) return std::nullopt;
  const Shape& shape = c->type().shape;
  if (shape.size() > out.size()) return std::nullopt;
  const size_t offset = out.size() - shape.size();  // c's dims align with out's last ones
  for (size_t i = 0; i < shape.size(); ++i) {
    const bool on_axis = i + offset == axis;
    if (shape[i] != 1 && !(on_axis && shape[i] == out[axis])) return std::nullopt;
  }
  std::vector<double> per_axis(static_cast<size_t>(out[axis]));
  for (size_t j = 0; j < per_axis.size(); ++j) per_axis[j] = values->size() == 1 ? values->front() : (*values)[j];
  return per_axis;
}

// Which axis of the product's result a bias operand runs along, and where it goes.
struct BiasSlot {
  size_t axis;
  size_t operand;
};

std::optional<BiasSlot> bias_slot(const Node& product) {
  if (product.has_attr("activation")) return std::nullopt;
  const int64_t rank = product.output(0)->type().rank();
  switch (product.op()) {
    case OpKind::conv:
      return BiasSlot{1, 2};
    case OpKind::matmul:
      if (product.input(1)->type().rank() < 2 || rank < 1) return std::nullopt;
      return BiasSlot{static_cast<size_t>(rank - 1), 2};
    case OpKind::gemm:
      // gemm's c may be any shape that broadcasts, so per column is enough
      // when c is absent and beta is what scales it: set beta = 1.
      return BiasSlot{1, 2};
    default:
      return std::nullopt;
  }
}

bool fuse_one(Graph& graph, Node& add, const std::unordered_map<const Value*, int>& uses) {
  for (size_t side = 0; side < 2; ++side) {
    Value* y = add.input(side);
    Value* c = add.input(1 - side);
    Node* product = y->producer();
    if (product == nullptr || uses.at(y) != 1 || graph.is_output(y) || y->type() != add.output(0)->type()) continue;
    std::optional<BiasSlot> slot = bias_slot(*product);
    if (!slot) continue;
    const Shape& out = y->type().shape;
    std::optional<std::vector<double>> bias = per_axis_values(c, out, slot->axis);
    if (!bias || !graph.can_replace(add.output(0), y)) continue;
    // An existing per-channel bias (conv, matmul) adds up; gemm's c must be absent.
    const Value* existing = product->input(slot->operand);
    if (existing != nullptr) {
      if (product->op() == OpKind::gemm) continue;
      auto old = constant_values(existing);
      if (!old) continue;
      for (size_t j = 0; j < bias->size(); ++j) (*bias)[j] += (*old)[j];
    }
    std::vector<Value*> inputs = product->inputs();
    inputs.resize(slot->operand + 1);
    inputs[slot->operand] = add_constant_values(graph, c->name() + "_bias", y->type().dtype,
                                                {static_cast<int64_t>(bias->size())}, *bias);
    product->set_inputs(std::move(inputs));
    if (product->op() == OpKind::gemm) product->mutable_attrs()["beta"] = 1.0;
    graph.replace_all_uses(add.output(0), y);
    return true;
  }
  return false;
}

}  // namespace

int64_t fuse_biases(Graph& graph) {
  int64_t fused = 0;
  const std::unordered_map<const Value*, int> uses = count_uses(graph);
  for (Node* node : graph.nodes()) {
    if (node->op() == OpKind::add && is_float(node->output(0)->type().dtype) && fuse_one(graph, *node, uses)) ++fused;
  }
  return fused;
}

}  // namespace ingot
