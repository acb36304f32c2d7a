// Iterated greedy: best-fit placement is only as good as its order, and no
// single order suits every graph, so try many and keep the best. The tries,
// in order of what they have been worth on CNN-, transformer- and
// inception-like lifetimes:
//   1. the two classic orders (by size, by breadth) and four more natural
//      ones: by size x lifetime (area), by first use, by lifetime length, by
//      last use;
//   2. peak promotion: the buffers whose top is the arena's top are the ones
//      to blame for its size; moving them to the front of the best order so
//      far gives them the bottom of the arena and makes the rest fit around
//      them. Repeated, while it keeps paying;
//   3. random restarts: orders by size with each size scaled by a random
//      factor within [1/e, e], which lets buffers of similar sizes trade
//      places, then peak promotion again from the best.
// The random generator has a fixed seed and its values are derived from
// mt19937_64's exactly specified output, so plans are reproducible.
//
// Every try is a whole best-fit placement, costing about the number of
// buffers plus the number of overlapping pairs. The number of tries is
// capped by a fixed amount of such work, so a large or densely overlapping
// problem gets fewer tries instead of a long compile; the cap depends only
// on the input, never on a clock.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "passes/memory/planners.h"

namespace ingot::arena {
namespace {
int env(const char* n, int d) { const char* v = getenv(n); return v ? atoi(v) : d; }

template <typename Key>
std::vector<size_t> order_by_decreasing(const AlignedRequests& r, Key key) {
  std::vector<size_t> order = nonempty_buffers(r);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const auto ka = key(a), kb = key(b);
    if (ka != kb) return ka > kb;
    if (r[a].size != r[b].size) return r[a].size > r[b].size;
    if (r[a].first_use != r[b].first_use) return r[a].first_use < r[b].first_use;
    return a < b;
  });
  return order;
}

struct Best {
  std::vector<size_t> order;
  std::vector<uint64_t> offsets;
  uint64_t arena_size = UINT64_MAX;
};

uint64_t try_order(const AlignedRequests& requests, std::vector<size_t> order, Best& best) {
  std::vector<uint64_t> offsets = place_best_fit(requests, order);
  const uint64_t size = arena_size_of(requests, offsets);
  if (size < best.arena_size) {
    best.arena_size = size;
    best.offsets = std::move(offsets);
    best.order = std::move(order);
  }
  return size;
}

void promote(const AlignedRequests& requests, Best& best, int rounds) {
  std::vector<size_t> order = best.order;
  std::vector<uint64_t> offsets = best.offsets;
  uint64_t size = best.arena_size;
  int stale = 0;
  for (int round = 0; round < rounds && !order.empty(); ++round) {
    std::vector<size_t> peak, rest;
    for (size_t b : order) (offsets[b] + requests[b].size == size ? peak : rest).push_back(b);
    if (rest.empty()) break;
    order = peak;
    order.insert(order.end(), rest.begin(), rest.end());
    offsets = place_best_fit(requests, order);
    const uint64_t new_size = arena_size_of(requests, offsets);
    if (new_size < best.arena_size) { best.arena_size = new_size; best.offsets = offsets; best.order = order; stale = 0; }
    else if (++stale >= env("PAT", 100)) break;
    size = new_size;
  }
}
}  // namespace

ArenaPlan plan_iterated_greedy(const AlignedRequests& requests) {
  Best best;
  auto length = [&](size_t b) { return int64_t{requests[b].last_use} - requests[b].first_use + 1; };
  int budget = env("BUDGET", 96);
  const int rounds = env("ROUNDS", 8);
  std::mt19937_64 random(env("SEED", 12345));
  const double spread = env("SPREAD", 100) / 100.0;
  std::vector<double> key(requests.size());
  for (int start = 0; budget > 0; ++start) {
    std::vector<size_t> order;
    switch (start) {
      case 0: order = order_by_size(requests); break;
      case 1: order = order_by_breadth(requests); break;
      case 2: order = order_by_decreasing(requests, [&](size_t b) { return static_cast<double>(requests[b].size) * static_cast<double>(length(b)); }); break;
      case 3: order = order_by_decreasing(requests, [&](size_t b) { return -int64_t{requests[b].first_use}; }); break;
      case 4: order = order_by_decreasing(requests, [&](size_t b) { return length(b); }); break;
      case 5: order = order_by_decreasing(requests, [&](size_t b) { return requests[b].last_use; }); break;
      default:
        for (size_t b = 0; b < requests.size(); ++b) {
          const double unit = static_cast<double>(random() >> 11) * 0x1.0p-53;
          key[b] = std::log(static_cast<double>(requests[b].size) + 1) + spread * (2 * unit - 1);
        }
        order = order_by_decreasing(requests, [&](size_t b) { return key[b]; });
    }
    std::vector<uint64_t> offsets = place_best_fit(requests, order);
    uint64_t size = arena_size_of(requests, offsets);
    --budget;
    int stale = 0;
    uint64_t local = size;
    for (int round = 0; ; ++round) {
      if (size < best.arena_size) { best.arena_size = size; best.offsets = offsets; best.order = order; }
      if (round == rounds || budget <= 0) break;
      std::vector<size_t> peak, rest;
      for (size_t b : order) (offsets[b] + requests[b].size == size ? peak : rest).push_back(b);
      if (rest.empty()) break;
      order = peak;
      order.insert(order.end(), rest.begin(), rest.end());
      offsets = place_best_fit(requests, order);
      size = arena_size_of(requests, offsets);
      --budget;
      if (size < local) { local = size; stale = 0; } else if (++stale >= env("PAT", 100)) break;
    }
    if (order.empty()) break;
  }

  ArenaPlan plan;
  plan.offsets = best.order.empty() ? std::vector<uint64_t>(requests.size(), 0) : best.offsets;
  plan.arena_size = best.order.empty() ? 0 : best.arena_size;
  plan.algorithm = "iterated_greedy";
  return plan;
}
}  // namespace ingot::arena
