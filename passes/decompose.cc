#include "passes/decompose.h"

#include <algorithm>

#include <fmt/format.h>

#include "passes/canonicalize.h"
#include "passes/decompositions.h"
#include "passes/rewrite.h"

namespace ingot {
namespace {

// A decomposition may produce composites that decompose further.
constexpr int kMaxDecomposeRounds = 8;

const Decomposition* rule_for(OpKind op) {
  for (const Decomposition& rule : decompositions()) {
    if (rule.op == op) return &rule;
  }
  return nullptr;
}

bool only_constants(const Node& node) {
  return std::all_of(node.inputs().begin(), node.inputs().end(),
                     [](const Value* input) { return input == nullptr || input->is_constant(); });
}

// The nodes inserted just before `anchor`: everything between the node that
// preceded it before the rewrite and the anchor itself.
std::vector<Node*> nodes_between(const Graph& graph, const Node* previous, const Node* anchor) {
  std::vector<Node*> nodes = graph.nodes();
  auto end = std::find(nodes.begin(), nodes.end(), anchor);
  auto begin = previous == nullptr ? nodes.begin() : std::find(nodes.begin(), end, previous) + 1;
  return {begin, end};
}

// Decomposes `node` if that pays on this target; returns whether it did.
Result<bool> try_decompose(Graph& graph, Node& node, Node* previous, const KernelTable& kernels) {
  const Decomposition* rule = rule_for(node.op());
  if (rule == nullptr) return false;
  const KernelSupport current = kernels.support(node);
  if (current == KernelSupport::optimized) return false;
  INGOT_ASSIGN_OR_RETURN(std::optional<std::vector<Value*>> replacement, rule->rewrite(graph, node));
  if (!replacement) return false;
  const std::vector<Node*> emitted = nodes_between(graph, previous, &node);
  for (const Node* part : emitted) {
    if (!rule->emits.contains(part->op())) {
      return Status::internal(fmt::format("the {} decomposition emitted {}, which its rule does not declare",
                                          op_name(node.op()), op_name(part->op())));
    }
  }
  const KernelSupport needed = current == KernelSupport::none ? KernelSupport::reference : KernelSupport::optimized;
  // Parts over constants only (the transpose of a weight) fold away and
  // never run, whatever kernel they have.
  bool pays = true;
  for (const Node* part : emitted) pays = pays && (only_constants(*part) || kernels.support(*part) >= needed);
  for (size_t i = 0; pays && i < replacement->size(); ++i) {
    pays = graph.can_replace(node.output(i), (*replacement)[i]);
  }
  if (!pays) {
    graph.erase_nodes(emitted);
    graph.erase_unused_constants();
    return false;
  }
  for (size_t i = 0; i < replacement->size(); ++i) graph.replace_all_uses(node.output(i), (*replacement)[i]);
  return true;
}

Status decompose(Graph& graph, PassContext& context) {
  if (context.kernels == nullptr) return Status::internal("decompose needs the target's kernel table");
  int64_t total = 0;
  for (int round = 0; round < kMaxDecomposeRounds; ++round) {
    int64_t changed = 0;
    Node* previous = nullptr;
    for (Node* node : graph.nodes()) {
      INGOT_ASSIGN_OR_RETURN(bool done, try_decompose(graph, *node, previous, *context.kernels));
      if (done) {
        context.count(std::string("decomposed ") + std::string(op_name(node->op())));
        ++changed;
      }
      previous = node;
    }
    erase_dead_nodes(graph);
    total += changed;
    if (changed == 0) break;
  }
  // Transposes of constant weights and arithmetic on constant parameters
  // fold now, so that fuse sees plain weights.
  if (total == 0) return {};
  PassContext cleanup{context.kernels, context.evaluate, {}};
  return canonicalize_graph(graph, cleanup);
}

}  // namespace

Pass decompose_pass() {
  return {"decompose", "composite ops into core ops where the target's kernels make that pay", decompose};
}

}  // namespace ingot
