// Greedy by size (Pisarchyk & Lee, "Efficient Memory Management for Deep
// Neural Net Inference", 2020; the planner TFLite and ExecuTorch use): place
// the largest buffers first. They set the shape of the arena, and the many
// small buffers of a network then fill the gaps they leave. Strong on CNNs,
// where a few large activations dominate.
#include <algorithm>

#include "passes/memory/planners.h"

namespace ingot::arena {

std::vector<size_t> order_by_size(const AlignedRequests& requests) {
  std::vector<size_t> order = nonempty_buffers(requests);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (requests[a].size != requests[b].size) return requests[a].size > requests[b].size;
    if (requests[a].first_use != requests[b].first_use) return requests[a].first_use < requests[b].first_use;
    return a < b;
  });
  return order;
}

ArenaPlan plan_greedy_by_size(const AlignedRequests& requests) {
  ArenaPlan plan;
  plan.offsets = place_best_fit(requests, order_by_size(requests));
  plan.arena_size = arena_size_of(requests, plan.offsets);
  plan.algorithm = "greedy_by_size";
  return plan;
}

}  // namespace ingot::arena
