// Greedy by breadth (Pisarchyk & Lee 2020): visit the steps from the most
// crowded (largest total size alive) to the least, and at each step place its
// buffers that are not placed yet, largest first. The peak step is packed
// first, with nothing in its way, so the arena is often exactly the lower
// bound there; greedy by size can instead let a large buffer from elsewhere
// sit in the middle of that step. Strong on transformers, whose big
// attention buffers are short-lived and crowd a few steps.
//
// A buffer is placed at the first visited step of its lifetime, which is the
// step of greatest breadth within it (earliest on ties). So rather than walk
// every step's live buffers (which costs the sum of all lifetimes), each
// buffer gets that step's visiting rank with a range-minimum query, and the
// buffers are sorted by (rank, size).
#include <algorithm>

#include "passes/memory/planners.h"

namespace ingot::arena {
namespace {

// Range minimum over a fixed array in O(1) per query after O(n log n) setup.
class RangeMinimum {
 public:
  explicit RangeMinimum(std::vector<size_t> values) {
    levels_.push_back(std::move(values));
    for (size_t width = 2; width <= levels_[0].size(); width *= 2) {
      const std::vector<size_t>& below = levels_.back();
      std::vector<size_t> level(levels_[0].size() - width + 1);
      for (size_t i = 0; i < level.size(); ++i) level[i] = std::min(below[i], below[i + width / 2]);
      levels_.push_back(std::move(level));
    }
  }
  // Minimum of values[first..last], inclusive; first <= last.
  size_t min(size_t first, size_t last) const {
    size_t level = 0;
    while ((size_t{2} << level) <= last - first + 1) ++level;
    return std::min(levels_[level][first], levels_[level][last + 1 - (size_t{1} << level)]);
  }

 private:
  std::vector<std::vector<size_t>> levels_;  // levels_[k][i] = min of values[i .. i + 2^k)
};

}  // namespace

std::vector<size_t> order_by_breadth(const AlignedRequests& requests) {
  std::vector<size_t> order = nonempty_buffers(requests);
  if (order.empty()) return order;

  // Breadth only rises where a buffer starts, so the steps where some buffer
  // starts are the only ones that can be the most crowded of a lifetime.
  std::vector<int32_t> steps;
  for (size_t buffer : order) steps.push_back(requests[buffer].first_use);
  std::sort(steps.begin(), steps.end());
  steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
  auto first_step = [&](size_t buffer) {
    return static_cast<size_t>(std::lower_bound(steps.begin(), steps.end(), requests[buffer].first_use) - steps.begin());
  };
  auto last_step = [&](size_t buffer) {  // the last start step within the lifetime
    return static_cast<size_t>(std::upper_bound(steps.begin(), steps.end(), requests[buffer].last_use) - steps.begin()) - 1;
  };

  // breadth[s] by a difference array over the steps (unsigned wrap-around
  // cancels out: every prefix sum is a true, non-negative total).
  std::vector<uint64_t> breadth(steps.size() + 1, 0);
  for (size_t buffer : order) {
    breadth[first_step(buffer)] += requests[buffer].size;
    breadth[last_step(buffer) + 1] -= requests[buffer].size;
  }
  for (size_t s = 1; s < breadth.size(); ++s) breadth[s] += breadth[s - 1];
  breadth.pop_back();

  // The visiting order of the steps, and each step's rank in it.
  std::vector<size_t> visit(steps.size());
  for (size_t s = 0; s < visit.size(); ++s) visit[s] = s;
  std::stable_sort(visit.begin(), visit.end(), [&](size_t a, size_t b) { return breadth[a] > breadth[b]; });
  std::vector<size_t> rank(steps.size());
  for (size_t r = 0; r < visit.size(); ++r) rank[visit[r]] = r;

  const RangeMinimum first_visit(rank);
  std::vector<size_t> visited_at(requests.size(), 0);
  for (size_t buffer : order) visited_at[buffer] = first_visit.min(first_step(buffer), last_step(buffer));

  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (visited_at[a] != visited_at[b]) return visited_at[a] < visited_at[b];
    if (requests[a].size != requests[b].size) return requests[a].size > requests[b].size;
    if (requests[a].first_use != requests[b].first_use) return requests[a].first_use < requests[b].first_use;
    return a < b;
  });
  return order;
}

ArenaPlan plan_greedy_by_breadth(const AlignedRequests& requests) {
  ArenaPlan plan;
  plan.offsets = place_best_fit(requests, order_by_breadth(requests));
  plan.arena_size = arena_size_of(requests, plan.offsets);
  plan.algorithm = "greedy_by_breadth";
  return plan;
}

}  // namespace ingot::arena
