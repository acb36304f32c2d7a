// The arena planner: given buffers with known sizes and lifetimes, assigns
// each an offset in one arena so that no two buffers alive at the same step
// share a byte, keeping the arena small. This is offline dynamic storage
// allocation (NP-hard), so several greedy algorithms each produce a plan and
// the smallest one wins; every plan is checked before it is trusted.
//
// The planner knows nothing of graphs: the plan-memory pass turns values into
// requests (lifetimes in execution steps, aliasing and in-place already
// resolved) and offsets back into the memory plan.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ingot {

// One tensor to place. Lifetimes are inclusive step intervals: two buffers
// conflict when [first_use, last_use] intersect and both sizes are > 0.
struct BufferRequest {
  uint64_t size = 0;      // bytes (0 allowed: gets offset 0, takes no space)
  int32_t first_use = 0;  // index of the step that writes it (graph inputs: 0)
  int32_t last_use = 0;   // index of the last step that reads it (inclusive; >= first_use)
};

struct ArenaPlan {
  std::vector<uint64_t> offsets;  // one per request, in request order, each a multiple of alignment
  uint64_t arena_size = 0;        // max(offset + aligned size)
  std::string algorithm;          // which algorithm produced it ("greedy_by_size", ...)
};

class ArenaPlanner {
 public:
  // Any alignment >= 1 works, powers of two or not; 0 is read as 1.
  explicit ArenaPlanner(uint64_t alignment = 64);

  // Returns the buffer's index, which is its position in ArenaPlan::offsets.
  // A lifetime with last_use < first_use is a caller bug: it is asserted, and
  // in release builds read as the single step first_use.
  size_t add_buffer(uint64_t size, int32_t first_use, int32_t last_use);

  // Runs every algorithm, checks each plan (no two buffers whose lifetimes
  // overlap may overlap in memory; offsets aligned), and returns the smallest;
  // ties go to the earlier algorithm in algorithm_names() order, so the result
  // is deterministic. Should every plan fail its check (a planner bug, which
  // debug builds assert), the plan without reuse is returned: it is always valid.
  ArenaPlan plan() const;

  // Plans of every algorithm, in algorithm_names() order, for reports and tests.
  std::vector<ArenaPlan> plan_all() const;

  // The largest total of (aligned) sizes alive at one step: no plan can be smaller.
  uint64_t lower_bound() const;

  // Sum of all aligned sizes: the plan with no reuse.
  uint64_t naive_size() const;

  uint64_t alignment() const { return alignment_; }
  const std::vector<BufferRequest>& requests() const { return requests_; }

  // The algorithms plan() runs, in tie-breaking order.
  static std::vector<std::string> algorithm_names();

 private:
  uint64_t alignment_;
  std::vector<BufferRequest> requests_;
};

// Checks a plan against the requests: returns "" or a description of the
// first conflict (wrong number of offsets, a misaligned offset, a buffer
// beyond arena_size, or two live buffers sharing memory). O(n log n).
std::string check_plan(const std::vector<BufferRequest>& requests, const ArenaPlan& plan, uint64_t alignment);

}  // namespace ingot
