#include "compiler/memory_plan.h"

#include "ingot/runtime.h"

namespace ingot {

MemoryPlan plan_memory_without_reuse(const Graph& graph) {
  MemoryPlan plan;
  auto place = [&](const Value* value) {
    plan.offsets[value] = plan.arena_size;
    const uint64_t bytes = static_cast<uint64_t>(byte_size(value->type()));
    plan.arena_size += (bytes + rt::kAlignment - 1) / rt::kAlignment * rt::kAlignment;
  };
  for (const Value* input : graph.inputs()) place(input);
  for (const Node* node : graph.nodes()) {
    for (const Value* output : node->outputs()) place(output);
  }
  return plan;
}

}  // namespace ingot
