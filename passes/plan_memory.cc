#include "passes/plan_memory.h"

#include <algorithm>
#include <numeric>
#include <vector>

#include "passes/memory/arena_planner.h"

namespace ingot {
namespace {

constexpr uint64_t kAlignment = 64;  // the runtime's rt::kAlignment

uint64_t aligned(uint64_t bytes) { return (bytes + kAlignment - 1) / kAlignment * kAlignment; }

// Ops whose kernel reads operand element i only to write result element i,
// so the result may overwrite an operand of the same shape and dtype.
bool writes_elementwise(OpKind op) {
  switch (op_family(op)) {
    case OpFamily::unary:
      return op != OpKind::cast;
    case OpFamily::activation:
      return op != OpKind::prelu;
    default:
      break;
  }
  switch (op) {
    case OpKind::add:
    case OpKind::sub:
    case OpKind::mul:
    case OpKind::div:
    case OpKind::min:
    case OpKind::max:
    case OpKind::pow:
    case OpKind::mod:
      return true;
    default:
      return false;
  }
}

// Values that share one slot form a group; the group's lifetime is the union
// of its members'.
class SlotGroups {
 public:
  explicit SlotGroups(size_t count) : parent_(count) { std::iota(parent_.begin(), parent_.end(), 0); }
  size_t root(size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void join(size_t member, size_t into) { parent_[root(member)] = root(into); }

 private:
  std::vector<size_t> parent_;
};

struct Lifetimes {
  std::vector<const Value*> values;  // every arena value, in definition order
  std::unordered_map<const Value*, size_t> index;
  std::vector<int32_t> first, last;  // steps: 0 = inputs, node i = i + 1
};

Lifetimes lifetimes(const Graph& graph, const std::vector<Node*>& nodes) {
  Lifetimes life;
  auto define = [&](const Value* value, int32_t step) {
    life.index[value] = life.values.size();
    life.values.push_back(value);
    life.first.push_back(step);
    life.last.push_back(step);
  };
  for (const Value* input : graph.inputs()) define(input, 0);
  for (size_t i = 0; i < nodes.size(); ++i) {
    const int32_t step = static_cast<int32_t>(i + 1);
    for (const Value* input : nodes[i]->inputs()) {
      if (auto it = life.index.find(input); it != life.index.end()) life.last[it->second] = step;
    }
    for (const Value* output : nodes[i]->outputs()) define(output, step);
  }
  const int32_t end = static_cast<int32_t>(nodes.size() + 1);
  for (const Value* value : graph.outputs()) {
    if (auto it = life.index.find(value); it != life.index.end()) life.last[it->second] = end;
  }
  return life;
}

// The operand a node may share its result's slot with, if any.
const Value* shared_operand(const Graph& graph, const Node& node, const Lifetimes& life, SlotGroups& groups,
                            const std::vector<int32_t>& group_last, int32_t step) {
  if (node.outputs().size() != 1) return nullptr;
  const Value* out = node.output(0);
  auto in_arena = [&](const Value* v) { return v != nullptr && life.index.contains(v); };
  if (node.op() == OpKind::reshape) {
    // A reshape never changes bytes: alias whenever the operand is in the arena.
    return in_arena(node.input(0)) ? node.input(0) : nullptr;
  }
  if (!writes_elementwise(node.op())) return nullptr;
  for (const Value* operand : node.inputs()) {
    if (!in_arena(operand) || operand->type().shape != out->type().shape ||
        dtype_size(operand->type().dtype) != dtype_size(out->type().dtype)) {
      continue;
    }
    const size_t group = groups.root(life.index.at(operand));
    // The slot must die here, and hold no graph input (the caller's data).
    if (group_last[group] != step) continue;
    bool holds_input = false;
    for (const Value* input : graph.inputs()) {
      holds_input = holds_input || (in_arena(input) && groups.root(life.index.at(input)) == group);
    }
    // Another operand in the same slot would be read after being overwritten
    // unless it is the very same value.
    bool other_reader = false;
    for (const Value* other : node.inputs()) {
      other_reader = other_reader || (other != operand && in_arena(other) && groups.root(life.index.at(other)) == group);
    }
    if (!holds_input && !other_reader) return operand;
  }
  return nullptr;
}

}  // namespace

MemoryPlan plan_memory(const Graph& graph) {
  const std::vector<Node*> nodes = graph.nodes();
  Lifetimes life = lifetimes(graph, nodes);
  SlotGroups groups(life.values.size());
  std::vector<int32_t> group_first = life.first;
  std::vector<int32_t> group_last = life.last;
  MemoryPlan plan;
  for (size_t i = 0; i < nodes.size(); ++i) {
    const int32_t step = static_cast<int32_t>(i + 1);
    const Value* operand = shared_operand(graph, *nodes[i], life, groups, group_last, step);
    if (operand == nullptr) continue;
    const size_t out = life.index.at(nodes[i]->output(0));
    const size_t into = groups.root(life.index.at(operand));
    groups.join(out, into);
    group_first[into] = std::min(group_first[into], life.first[out]);
    group_last[into] = std::max(group_last[into], life.last[out]);
    ++plan.aliased;
  }
  ArenaPlanner planner(kAlignment);
  std::unordered_map<size_t, size_t> request_of_group;
  for (size_t v = 0; v < life.values.size(); ++v) {
    plan.naive_size += aligned(static_cast<uint64_t>(byte_size(life.values[v]->type())));
    const size_t group = groups.root(v);
    if (group != v) continue;
    const uint64_t bytes = static_cast<uint64_t>(byte_size(life.values[v]->type()));
    request_of_group[group] = planner.add_buffer(bytes, group_first[group], group_last[group]);
  }
  const ArenaPlan arena = planner.plan();
  for (size_t v = 0; v < life.values.size(); ++v) {
    plan.offsets[life.values[v]] = arena.offsets[request_of_group.at(groups.root(v))];
  }
  plan.arena_size = arena.arena_size;
  plan.lower_bound = planner.lower_bound();
  plan.algorithm = arena.algorithm;
  return plan;
}

MemoryPlan plan_memory_without_reuse(const Graph& graph) {
  MemoryPlan plan;
  auto place = [&](const Value* value) {
    plan.offsets[value] = plan.arena_size;
    plan.arena_size += aligned(static_cast<uint64_t>(byte_size(value->type())));
  };
  for (const Value* input : graph.inputs()) place(input);
  for (const Node* node : graph.nodes()) {
    for (const Value* output : node->outputs()) place(output);
  }
  plan.naive_size = plan.lower_bound = plan.arena_size;
  plan.algorithm = "no reuse";
  return plan;
}

}  // namespace ingot
