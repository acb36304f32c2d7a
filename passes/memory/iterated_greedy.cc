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

uint64_t try_order(const AlignedRequests& requests, std::vector<size_t> order, Best& best, std::vector<uint64_t>* offsets_out = nullptr) {
  std::vector<uint64_t> offsets = place_best_fit(requests, order);
  const uint64_t size = arena_size_of(requests, offsets);
  if (offsets_out) *offsets_out = offsets;
  if (size < best.arena_size) {
    best.arena_size = size;
    best.offsets = std::move(offsets);
    best.order = std::move(order);
  }
  return size;
}
}  // namespace

ArenaPlan plan_iterated_greedy(const AlignedRequests& requests) {
  Best best;
  auto length = [&](size_t b) { return int64_t{requests[b].last_use} - requests[b].first_use + 1; };
  try_order(requests, order_by_size(requests), best);
  try_order(requests, order_by_breadth(requests), best);
  int mode = env("ORD", 15);
  if (mode & 1) try_order(requests, order_by_decreasing(requests, [&](size_t b) { return static_cast<double>(requests[b].size) * static_cast<double>(length(b)); }), best);
  if (mode & 2) try_order(requests, order_by_decreasing(requests, [&](size_t b) { return -int64_t{requests[b].first_use}; }), best);
  if (mode & 4) try_order(requests, order_by_decreasing(requests, [&](size_t b) { return length(b); }), best);
  if (mode & 8) try_order(requests, order_by_decreasing(requests, [&](size_t b) { return requests[b].last_use; }), best);

  std::mt19937_64 random(env("SEED", 12345));
  const double spread = env("SPREAD", 100) / 100.0;
  std::vector<double> key(requests.size());
  for (int k = 0; k < env("RAND", 24); ++k) {
    for (size_t b = 0; b < requests.size(); ++b) {
      const double unit = static_cast<double>(random() >> 11) * 0x1.0p-53;
      key[b] = std::log(static_cast<double>(requests[b].size) + 1) + spread * (2 * unit - 1);
    }
    try_order(requests, order_by_decreasing(requests, [&](size_t b) { return key[b]; }), best);
  }

  // promotion rounds from the best
  std::vector<size_t> order = best.order;
  std::vector<uint64_t> offsets = best.offsets;
  uint64_t size = best.arena_size;
  for (int round = 0; round < env("ROUNDS", 8) && !order.empty(); ++round) {
    std::vector<size_t> peak, rest;
    for (size_t b : order) (offsets[b] + requests[b].size == size ? peak : rest).push_back(b);
    if (rest.empty()) break;
    order = peak;
    order.insert(order.end(), rest.begin(), rest.end());
    size = try_order(requests, order, best, &offsets);
  }

  ArenaPlan plan;
  plan.offsets = best.order.empty() ? std::vector<uint64_t>(requests.size(), 0) : best.offsets;
  plan.arena_size = best.order.empty() ? 0 : best.arena_size;
  plan.algorithm = "iterated_greedy";
  return plan;
}
}  // namespace ingot::arena
