// Runs a whole graph on the portable reference kernels with every value in
// its own arena slot, so that every intermediate tensor can be read after a
// run: what calibration (observers) and the accuracy report look at.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include "ingot/runtime.h"
#include "ir/graph.h"
#include "ir/status.h"
#include "passes/plan_memory.h"

namespace ingot {

class GraphValues {
 public:
  // Writes and loads the graph as a program; fails like a compile would.
  static Result<std::unique_ptr<GraphValues>> load(const Graph& graph);

  // One buffer per graph input, in order, of the input's byte size.
  Status run(const std::vector<std::vector<uint8_t>>& inputs);

  // The bytes of `value` after the last run: a constant's own, or its arena slot.
  const uint8_t* data(const Value* value) const;

 private:
  struct Free {
    void operator()(uint8_t* p) const { std::free(p); }
  };
  std::unique_ptr<uint8_t, Free> program_bytes_, arena_;
  MemoryPlan plan_;
  rt::Program program_;
  rt::Executor executor_;
};

}  // namespace ingot
