// The memory plan for issue 3: every non-constant value gets its own
// 64-byte-aligned slot in the arena, in definition order. No reuse yet: the
// plan-memory pass replaces this with lifetime-based planning.
#pragma once

#include "emitters/program/program_writer.h"
#include "ir/graph.h"

namespace ingot {

MemoryPlan plan_memory_without_reuse(const Graph& graph);

}  // namespace ingot
