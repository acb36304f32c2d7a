#include "passes/simplify_identities.h"

#include <algorithm>

#include "passes/rewrite.h"

namespace ingot {
namespace {

bool all_equal(const std::vector<int64_t>& values, int64_t expected) {
  return std::all_of(values.begin(), values.end(), [&](int64_t v) { return v == expected; });
}

bool is_identity_perm(const std::vector<int64_t>& perm) {
  for (size_t i = 0; i < perm.size(); ++i) {
    if (perm[i] != static_cast<int64_t>(i)) return false;
  }
  return true;
}

// The operand that `x op c` returns unchanged when c is the splat `neutral`,
// on either side when the op commutes.
Value* neutral_operand(const Node& node, double neutral, bool commutes) {
  Value* a = node.input(0);
  Value* b = node.input(1);
  const TensorType& out = node.output(0)->type();
  if (a->type() == out && splat_value(b) == neutral) return a;
  if (commutes && b->type() == out && splat_value(a) == neutral) return b;
  return nullptr;
}

// The value a node returns unchanged, if it does.
Value* passthrough_operand(const Node& node) {
  Value* x = node.input(0);
  const bool same_type = x != nullptr && x->type() == node.output(0)->type();
  switch (node.op()) {
    case OpKind::copy:
      return x;
    case OpKind::reshape:
    case OpKind::expand:
    case OpKind::tile:
      return same_type ? x : nullptr;
    case OpKind::cast:
      return same_type ? x : nullptr;
    case OpKind::transpose:
      return is_identity_perm(node.attr_ints("perm")) ? x : nullptr;
    case OpKind::concat:
      return node.inputs().size() == 1 ? x : nullptr;
    case OpKind::split:
      return node.outputs().size() == 1 && same_type ? x : nullptr;
    case OpKind::slice:
      // Same shape with unit steps can only be the whole operand.
      return same_type && node.inputs().size() == 1 && all_equal(node.attr_ints("steps"), 1) ? x : nullptr;
    case OpKind::pad:
      return same_type && node.inputs().size() == 1 && all_equal(node.attr_ints("pads"), 0) ? x : nullptr;
    case OpKind::add:
      return neutral_operand(node, 0.0, true);
    case OpKind::sub:
      return neutral_operand(node, 0.0, false);
    case OpKind::mul:
      return neutral_operand(node, 1.0, true);
    case OpKind::div:
      return neutral_operand(node, 1.0, false);
    default:
      return nullptr;
  }
}

// reshape(reshape(y)) reads y directly; transpose(transpose(y)) becomes one
// transpose with the composed permutation. The inner node dies if unused.
bool merge_with_producer(Node& node) {
  const Node* inner = node.input(0) != nullptr ? node.input(0)->producer() : nullptr;
  if (inner == nullptr || inner->op() != node.op()) return false;
  if (node.op() == OpKind::reshape) {
    node.set_input(0, inner->input(0));
    return true;
  }
  if (node.op() == OpKind::transpose) {
    // Output axis i is the inner output's axis outer[i], which is y's axis inner[outer[i]].
    const std::vector<int64_t> outer = node.attr_ints("perm");
    const std::vector<int64_t> first = inner->attr_ints("perm");
    std::vector<int64_t> composed(outer.size());
    for (size_t i = 0; i < outer.size(); ++i) composed[i] = first[static_cast<size_t>(outer[i])];
    node.mutable_attrs()["perm"] = composed;
    node.set_input(0, inner->input(0));
    return true;
  }
  return false;
}

}  // namespace

int64_t simplify_identities(Graph& graph) {
  int64_t changed = 0;
  for (Node* node : graph.nodes()) {
    if (node->outputs().size() != 1) continue;
    if (merge_with_producer(*node)) ++changed;
    Value* same = passthrough_operand(*node);
    if (same != nullptr && forward_output(graph, *node, same)) ++changed;
  }
  return changed;
}

}  // namespace ingot
