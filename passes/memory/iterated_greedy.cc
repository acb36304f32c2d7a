#include <algorithm>
#include <cstdlib>
#include <cstdio>
#include <cmath>
#include <random>
#include "passes/memory/planners.h"
namespace ingot::arena {
extern bool g_first_fit;
namespace {
int env(const char* n, int d) { const char* v = getenv(n); return v ? atoi(v) : d; }
std::vector<size_t> order_by(const AlignedRequests& r, auto key) {
  std::vector<size_t> order = nonempty_buffers(r);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    auto ka = key(a), kb = key(b);
    if (ka != kb) return ka > kb;
    if (r[a].size != r[b].size) return r[a].size > r[b].size;
    if (r[a].first_use != r[b].first_use) return r[a].first_use < r[b].first_use;
    return a < b;
  });
  return order;
}
}
ArenaPlan plan_iterated_greedy(const AlignedRequests& requests) {
  std::vector<std::vector<size_t>> starts = {order_by_size(requests), order_by_breadth(requests)};
  int mode = env("ORD", 0);
  if (mode & 1) starts.push_back(order_by(requests, [&](size_t b) { return (double)requests[b].size * (requests[b].last_use - requests[b].first_use + 1); }));
  if (mode & 2) starts.push_back(order_by(requests, [&](size_t b) { return -(double)requests[b].first_use; }));
  if (mode & 4) starts.push_back(order_by(requests, [&](size_t b) { return (double)(requests[b].last_use - requests[b].first_use); }));
  if (mode & 8) starts.push_back(order_by(requests, [&](size_t b) { return (double)requests[b].last_use; }));
  int rounds = env("ROUNDS", 0);
  {
    std::mt19937_64 rng(12345);
    std::normal_distribution<double> noise(0, env("SIGMA", 30) / 100.0);
    for (int k = 0; k < env("RAND", 0); ++k) {
      std::vector<double> key(requests.size());
      for (size_t b = 0; b < requests.size(); ++b) key[b] = std::log((double)requests[b].size + 1) + noise(rng);
      starts.push_back(order_by(requests, [&](size_t b) { return key[b]; }));
    }
  }
  ArenaPlan best;
  bool have = false;
  int patience = env("PAT", 100);
  int fits = env("FIT", 1);
  for (int fit = 0; fit < fits; ++fit) for (auto order : starts) {
    g_first_fit = fit == 1;
    uint64_t local = UINT64_MAX; int stale = 0;
    for (int round = 0; round <= rounds; ++round) {
      auto offsets = place_best_fit(requests, order);
      uint64_t size = arena_size_of(requests, offsets);
      if (env("TRACE", 0)) fprintf(stderr, "start %zu round %d size %lu peak?\n", &order - &starts[0], round, size);
      if (size < local) { local = size; stale = 0; } else if (++stale >= patience) break;
      if (!have || size < best.arena_size) { best.offsets = offsets; best.arena_size = size; have = true; }
      // promote peak buffers
      std::vector<size_t> peak, rest;
      for (size_t b : order) (offsets[b] + requests[b].size == size ? peak : rest).push_back(b);
      if (peak.size() == order.size()) break;
      order = peak; order.insert(order.end(), rest.begin(), rest.end());
    }
  }
  g_first_fit = false;
  if (!have) best.offsets.assign(requests.size(), 0);
  best.algorithm = "iterated_greedy";
  return best;
}
}
