// plan-memory: every tensor that is not a constant gets an offset in one
// arena, from its lifetime over the final execution order.
//
// - A reshape's result is its operand's bytes (no copy): both share a slot.
// - An elementwise node whose operand dies at that node (and has the
//   result's shape and dtype) writes its result over the operand: in place.
// - Graph inputs are never overwritten; graph outputs live to the end.
// - Slots are 64-byte aligned; the arena planner (memory/arena_planner.h)
//   tries several algorithms and keeps the smallest plan.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "ir/graph.h"

namespace ingot {

struct MemoryPlan {
  std::unordered_map<const Value*, uint64_t> offsets;  // every non-constant value
  uint64_t arena_size = 0;
  uint64_t lower_bound = 0;  // the most bytes alive at one step: no plan is smaller
  uint64_t naive_size = 0;   // every value in its own slot
  std::string algorithm;     // which planner's plan won
  int64_t aliased = 0;       // values sharing their operand's slot (reshape, in place)
};

MemoryPlan plan_memory(const Graph& graph);

// Every value in its own slot, in definition order: the reference plan that
// constant folding uses for one-node programs.
MemoryPlan plan_memory_without_reuse(const Graph& graph);

}  // namespace ingot
