#include "passes/fuse_silu.h"

#include "passes/rewrite.h"

namespace ingot {
namespace {

// The x of sigmoid(x) when `gate` is that sigmoid's output, used once.
Value* sigmoid_operand(Value* gate, const std::unordered_map<const Value*, int>& uses, const Graph& graph) {
  const Node* producer = gate->producer();
  if (producer == nullptr || producer->op() != OpKind::sigmoid || uses.at(gate) != 1 || graph.is_output(gate)) return nullptr;
  return producer->input(0);
}

}  // namespace

int64_t fuse_silu(Graph& graph) {
  int64_t fused = 0;
  const std::unordered_map<const Value*, int> uses = count_uses(graph);
  for (Node* mul : graph.nodes()) {
    if (mul->op() != OpKind::mul || mul->inputs().size() != 2 || mul->has_attr("activation")) continue;
    Value* a = mul->input(0);
    Value* b = mul->input(1);
    Value* x = nullptr;
    if (sigmoid_operand(b, uses, graph) == a) x = a;
    if (x == nullptr && sigmoid_operand(a, uses, graph) == b) x = b;
    // Same type on both sides: no broadcast hides in the mul.
    if (x == nullptr || x->type() != mul->output(0)->type()) continue;
    Result<Value*> silu = emit_before(graph, *mul, OpKind::silu, {x});
    if (!silu.ok() || !forward_output(graph, *mul, *silu)) continue;
    ++fused;
  }
  return fused;
}

}  // namespace ingot
