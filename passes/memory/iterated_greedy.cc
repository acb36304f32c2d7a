// Iterated greedy: a best-fit plan is only as good as its order, and no one
// order suits every graph, so this tries many orders and keeps the best plan.
//
// Each start order is followed by rounds of peak promotion: the buffers whose
// top is the arena's top are the ones that set its size, so they move to the
// front of the order, where they get the bottom of the arena and the rest
// has to fit around them. That often lowers the peak; when it does not, the
// next round promotes whatever is on top now. The start orders are the two
// classics (by size, by breadth), four other natural keys (size x lifetime
// length, first use, lifetime length, last use) and then orders by size with
// each size scaled by a random factor in [1/e, e], which lets buffers of
// similar sizes trade places. The random numbers come from mt19937_64 with a
// fixed seed (its output is fully specified), so plans are reproducible.
//
// Every try is a whole best-fit placement, costing about buffers plus
// overlapping pairs (placement_work). The number of tries is capped by a fixed
// amount of such work, so a large or densely overlapping problem gets fewer
// tries rather than a long compile; the cap depends only on the input.
#include <algorithm>
#include <cmath>
#include <random>

#include "passes/memory/planners.h"

namespace ingot::arena {
namespace {

// About 0.3 s of placement on one core; a 1,000-buffer network gets every try.
constexpr uint64_t kWorkBudget = 6'000'000;
constexpr uint64_t kMaxPlacements = 64;
constexpr int kPromotionRounds = 8;
// Promotion gives up after this many rounds in a row without a new best.
constexpr int kRoundsWithoutProgress = 3;
constexpr int kClassicOrders = 6;
constexpr uint64_t kSeed = 0x1A2B3C4D5E6F;

// Orders by decreasing `key`, then as greedy by size does.
template <typename Key>
std::vector<size_t> order_by_decreasing(const AlignedRequests& requests, Key key) {
  std::vector<size_t> order = nonempty_buffers(requests);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const auto key_a = key(a);
    const auto key_b = key(b);
    if (key_a != key_b) return key_a > key_b;
    if (requests[a].size != requests[b].size) return requests[a].size > requests[b].size;
    if (requests[a].first_use != requests[b].first_use) return requests[a].first_use < requests[b].first_use;
    return a < b;
  });
  return order;
}

std::vector<size_t> classic_order(const AlignedRequests& requests, int which) {
  auto length = [&](size_t b) { return int64_t{requests[b].last_use} - requests[b].first_use + 1; };
  switch (which) {
    case 0:
      return order_by_size(requests);
    case 1:
      return order_by_breadth(requests);
    case 2:  // the buffers that fill most of the time x memory plane
      return order_by_decreasing(
          requests, [&](size_t b) { return static_cast<double>(requests[b].size) * static_cast<double>(length(b)); });
    case 3:  // execution order, as an online allocator would see them
      return order_by_decreasing(requests, [&](size_t b) { return -int64_t{requests[b].first_use}; });
    case 4:  // long-lived buffers first: they constrain everyone they overlap
      return order_by_decreasing(requests, length);
    default:  // the buffers kept to the end (outputs, late skip connections) first
      return order_by_decreasing(requests, [&](size_t b) { return requests[b].last_use; });
  }
}

// Size order with every size scaled by e^u, u uniform in [-1, 1).
std::vector<size_t> jittered_size_order(const AlignedRequests& requests, std::mt19937_64& random) {
  std::vector<double> key(requests.size());
  for (size_t b = 0; b < requests.size(); ++b) {
    const double unit = static_cast<double>(random() >> 11) * 0x1.0p-53;  // [0, 1) from 53 random bits
    key[b] = std::log(static_cast<double>(requests[b].size)) + (2 * unit - 1);
  }
  return order_by_decreasing(requests, [&](size_t b) { return key[b]; });
}

struct Attempt {
  std::vector<size_t> order;
  std::vector<uint64_t> offsets;
  uint64_t arena_size = 0;
};

Attempt attempt(const AlignedRequests& requests, std::vector<size_t> order) {
  Attempt result;
  result.offsets = place_best_fit(requests, order);
  result.arena_size = arena_size_of(requests, result.offsets);
  result.order = std::move(order);
  return result;
}

// The same order with the buffers that reach the arena's top moved to the
// front (keeping their relative order). Empty when every buffer reaches it:
// there is nothing to move past.
std::vector<size_t> promote_peak(const AlignedRequests& requests, const Attempt& from) {
  std::vector<size_t> peak;
  std::vector<size_t> rest;
  for (size_t buffer : from.order) {
    const bool at_top = from.offsets[buffer] + requests[buffer].size == from.arena_size;
    (at_top ? peak : rest).push_back(buffer);
  }
  if (rest.empty()) return {};
  peak.insert(peak.end(), rest.begin(), rest.end());
  return peak;
}

}  // namespace

ArenaPlan plan_iterated_greedy(const AlignedRequests& requests) {
  const uint64_t placements =
      std::clamp<uint64_t>(kWorkBudget / std::max<uint64_t>(placement_work(requests), 1), 1, kMaxPlacements);
  std::mt19937_64 random(kSeed);

  uint64_t placed = 0;
  Attempt best = attempt(requests, order_by_size(requests));
  ++placed;
  for (int start = 0; placed < placements; ++start) {
    Attempt current = start == 0 ? best
                    : attempt(requests, start < kClassicOrders ? classic_order(requests, start)
                                                               : jittered_size_order(requests, random));
    if (start != 0) ++placed;
    if (current.arena_size < best.arena_size) best = current;
    if (current.order.empty()) break;  // nothing to place

    int rounds_without_progress = 0;
    for (int round = 0; round < kPromotionRounds && placed < placements; ++round) {
      std::vector<size_t> promoted = promote_peak(requests, current);
      if (promoted.empty()) break;
      current = attempt(requests, std::move(promoted));
      ++placed;
      if (current.arena_size < best.arena_size) {
        best = current;
        rounds_without_progress = 0;
      } else if (++rounds_without_progress == kRoundsWithoutProgress) {
        break;
      }
    }
  }

  ArenaPlan plan;
  plan.offsets = std::move(best.offsets);
  plan.arena_size = best.arena_size;
  plan.algorithm = "iterated_greedy";
  return plan;
}

}  // namespace ingot::arena
