// The driver: rounds sizes up to the alignment, runs every algorithm, checks
// each plan and keeps the smallest. Also the bounds a plan is judged by and
// the checker, which works differently from the placement (a sweep over
// time, not a search for gaps) and shares no code with it, so a bug in the
// placement cannot hide itself.
#include "passes/memory/arena_planner.h"

#include <algorithm>
#include <cassert>
#include <iterator>
#include <map>
#include <string>
#include <utility>

#include "passes/memory/planners.h"

namespace ingot {
namespace {

uint64_t round_up(uint64_t size, uint64_t alignment) { return size == 0 ? 0 : ((size - 1) / alignment + 1) * alignment; }

// The algorithms, in tie-breaking order: the paper's two classics first, so
// that the refinement only wins when it really is smaller.
struct Algorithm {
  const char* name;
  ArenaPlan (*run)(const arena::AlignedRequests&);
};
constexpr Algorithm kAlgorithms[] = {
    {"greedy_by_size", arena::plan_greedy_by_size},
    {"greedy_by_breadth", arena::plan_greedy_by_breadth},
    {"iterated_greedy", arena::plan_iterated_greedy},
};

// A lifetime as sweep events: a buffer enters at first_use and leaves at
// last_use + 1 (in 64 bits: last_use may be INT32_MAX). At one time, leaving
// sorts before entering, since [a, b] and [b + 1, c] do not overlap.
struct LifetimeEvent {
  int64_t time;
  bool enters;
  size_t buffer;
};

std::vector<LifetimeEvent> lifetime_events(const std::vector<BufferRequest>& requests) {
  std::vector<LifetimeEvent> events;
  for (size_t i = 0; i < requests.size(); ++i) {
    if (requests[i].size == 0) continue;
    events.push_back({requests[i].first_use, true, i});
    events.push_back({int64_t{requests[i].last_use} + 1, false, i});
  }
  std::sort(events.begin(), events.end(), [](const LifetimeEvent& a, const LifetimeEvent& b) {
    if (a.time != b.time) return a.time < b.time;
    if (a.enters != b.enters) return !a.enters;
    return a.buffer < b.buffer;
  });
  return events;
}

std::string describe_range(uint64_t offset, uint64_t size) {
  return "[" + std::to_string(offset) + ", " + std::to_string(offset + size) + ")";
}

}  // namespace

ArenaPlanner::ArenaPlanner(uint64_t alignment) : alignment_(alignment == 0 ? 1 : alignment) {}

size_t ArenaPlanner::add_buffer(uint64_t size, int32_t first_use, int32_t last_use) {
  assert(last_use >= first_use);
  requests_.push_back({size, first_use, std::max(first_use, last_use)});
  return requests_.size() - 1;
}

std::vector<std::string> ArenaPlanner::algorithm_names() {
  std::vector<std::string> names;
  for (const Algorithm& algorithm : kAlgorithms) names.emplace_back(algorithm.name);
  return names;
}

std::vector<ArenaPlan> ArenaPlanner::plan_all() const {
  arena::AlignedRequests aligned = requests_;
  for (BufferRequest& request : aligned) request.size = round_up(request.size, alignment_);
  std::vector<ArenaPlan> plans;
  for (const Algorithm& algorithm : kAlgorithms) {
    plans.push_back(algorithm.run(aligned));
    assert(plans.back().algorithm == algorithm.name);
  }
  return plans;
}

ArenaPlan ArenaPlanner::plan() const {
  ArenaPlan best;
  bool found = false;
  for (ArenaPlan& candidate : plan_all()) {
    const std::string problem = check_plan(requests_, candidate, alignment_);
    assert(problem.empty() && "an arena planning algorithm produced an invalid plan");
    if (!problem.empty()) continue;
    if (!found || candidate.arena_size < best.arena_size) {
      best = std::move(candidate);
      found = true;
    }
  }
  if (found) return best;

  // Only reached if every algorithm is broken: one slot per buffer, back to back.
  ArenaPlan no_reuse;
  no_reuse.algorithm = "no_reuse";
  for (const BufferRequest& request : requests_) {
    no_reuse.offsets.push_back(request.size == 0 ? 0 : no_reuse.arena_size);
    no_reuse.arena_size += round_up(request.size, alignment_);
  }
  return no_reuse;
}

uint64_t ArenaPlanner::lower_bound() const {
  uint64_t alive = 0;
  uint64_t most_alive = 0;
  for (const LifetimeEvent& event : lifetime_events(requests_)) {
    const uint64_t size = round_up(requests_[event.buffer].size, alignment_);
    if (event.enters) {
      alive += size;
      most_alive = std::max(most_alive, alive);
    } else {
      alive -= size;
    }
  }
  return most_alive;
}

uint64_t ArenaPlanner::naive_size() const {
  uint64_t total = 0;
  for (const BufferRequest& request : requests_) total += round_up(request.size, alignment_);
  return total;
}

std::string check_plan(const std::vector<BufferRequest>& requests, const ArenaPlan& plan, uint64_t alignment) {
  if (alignment == 0) alignment = 1;
  if (plan.offsets.size() != requests.size()) {
    return "the plan has " + std::to_string(plan.offsets.size()) + " offsets for " + std::to_string(requests.size()) +
           " buffers";
  }
  for (size_t i = 0; i < requests.size(); ++i) {
    const uint64_t offset = plan.offsets[i];
    const uint64_t size = round_up(requests[i].size, alignment);
    if (requests[i].last_use < requests[i].first_use) {
      return "buffer " + std::to_string(i) + " ends (step " + std::to_string(requests[i].last_use) +
             ") before it starts (step " + std::to_string(requests[i].first_use) + ")";
    }
    if (offset % alignment != 0) {
      return "buffer " + std::to_string(i) + " is at offset " + std::to_string(offset) +
             ", not a multiple of the alignment " + std::to_string(alignment);
    }
    if (size > 0 && (offset > plan.arena_size || size > plan.arena_size - offset)) {
      return "buffer " + std::to_string(i) + " at " + describe_range(offset, size) + " lies beyond the arena of " +
             std::to_string(plan.arena_size) + " bytes";
    }
  }

  // Sweep the steps keeping the live buffers by offset. While they are
  // pairwise disjoint, a new buffer can only overlap the live buffer just
  // below it or the one just above it.
  std::map<uint64_t, size_t> live_by_offset;
  auto conflict = [&](size_t a, size_t b) {
    if (a > b) std::swap(a, b);
    const int32_t step = std::max(requests[a].first_use, requests[b].first_use);
    return "buffers " + std::to_string(a) + " at " +
           describe_range(plan.offsets[a], round_up(requests[a].size, alignment)) + " and " + std::to_string(b) +
           " at " + describe_range(plan.offsets[b], round_up(requests[b].size, alignment)) +
           " share memory while both are alive at step " + std::to_string(step);
  };
  for (const LifetimeEvent& event : lifetime_events(requests)) {
    const uint64_t offset = plan.offsets[event.buffer];
    if (!event.enters) {
      live_by_offset.erase(offset);
      continue;
    }
    const uint64_t size = round_up(requests[event.buffer].size, alignment);
    auto above = live_by_offset.lower_bound(offset);
    if (above != live_by_offset.end() && above->first < offset + size) return conflict(event.buffer, above->second);
    if (above != live_by_offset.begin()) {
      auto below = std::prev(above);
      if (below->first + round_up(requests[below->second].size, alignment) > offset) {
        return conflict(event.buffer, below->second);
      }
    }
    live_by_offset.emplace(offset, event.buffer);
  }
  return "";
}

}  // namespace ingot
