// Best-fit placement, the step every algorithm shares: given an order, put
// each buffer into the tightest gap left by the already-placed buffers that
// are alive at the same time as it.
//
// The only costly part is finding those buffers. A scan of everything placed
// so far would make planning quadratic; instead the placed buffers live in a
// segment tree over the buffers sorted by first_use that keeps the largest
// last_use below each node, so a query only walks down to the ones that
// really overlap.
#include <algorithm>
#include <limits>

#include "passes/memory/planners.h"

namespace ingot::arena {
namespace {

// The placed buffers, indexed by lifetime. A buffer [f, l] overlaps a query
// [from, to] when f <= to and l >= from: the first condition is a prefix of
// the first_use order, the second is what the max-last_use tree prunes on.
class PlacedLifetimes {
 public:
  explicit PlacedLifetimes(const AlignedRequests& requests) : requests_(requests) {
    by_first_use_ = nonempty_buffers(requests);
    std::stable_sort(by_first_use_.begin(), by_first_use_.end(),
                     [&](size_t a, size_t b) { return requests[a].first_use < requests[b].first_use; });
    position_.assign(requests.size(), 0);
    for (size_t i = 0; i < by_first_use_.size(); ++i) position_[by_first_use_[i]] = i;
    leaves_ = 1;
    while (leaves_ < by_first_use_.size()) leaves_ *= 2;
    max_last_use_.assign(2 * leaves_, kNothingPlaced);
  }

  void add(size_t buffer) {
    size_t node = leaves_ + position_[buffer];
    max_last_use_[node] = requests_[buffer].last_use;
    for (node /= 2; node >= 1; node /= 2) {
      max_last_use_[node] = std::max(max_last_use_[2 * node], max_last_use_[2 * node + 1]);
    }
  }

  // Appends to `out` every placed buffer whose lifetime meets [from, to].
  void collect_overlapping(int32_t from, int32_t to, std::vector<size_t>& out) const {
    // Buffers at positions >= prefix start after `to`.
    const size_t prefix = static_cast<size_t>(
        std::upper_bound(by_first_use_.begin(), by_first_use_.end(), to,
                         [&](int32_t step, size_t buffer) { return step < requests_[buffer].first_use; }) -
        by_first_use_.begin());
    collect(1, 0, leaves_, prefix, from, out);
  }

 private:
  static constexpr int64_t kNothingPlaced = std::numeric_limits<int64_t>::min();

  void collect(size_t node, size_t lo, size_t hi, size_t prefix, int32_t from, std::vector<size_t>& out) const {
    if (lo >= prefix || max_last_use_[node] < from) return;
    if (hi - lo == 1) {
      out.push_back(by_first_use_[lo]);
      return;
    }
    const size_t mid = lo + (hi - lo) / 2;
    collect(2 * node, lo, mid, prefix, from, out);
    collect(2 * node + 1, mid, hi, prefix, from, out);
  }

  const AlignedRequests& requests_;
  std::vector<size_t> by_first_use_;  // nonempty buffers by first_use: the leaves
  std::vector<size_t> position_;      // buffer -> its leaf
  size_t leaves_ = 1;
  std::vector<int64_t> max_last_use_;  // heap-ordered tree, 1 is the root
};

}  // namespace

std::vector<size_t> nonempty_buffers(const AlignedRequests& requests) {
  std::vector<size_t> buffers;
  for (size_t i = 0; i < requests.size(); ++i) {
    if (requests[i].size > 0) buffers.push_back(i);
  }
  return buffers;
}

uint64_t placement_work(const AlignedRequests& requests) {
  // Two lifetimes overlap exactly when the one that starts later (or, on a
  // tie, either) starts within the other. So for each buffer count the starts
  // within its lifetime: that counts itself once, each pair with distinct
  // starts once, and each pair with equal starts twice.
  std::vector<int32_t> starts;
  for (size_t buffer : nonempty_buffers(requests)) starts.push_back(requests[buffer].first_use);
  std::sort(starts.begin(), starts.end());
  uint64_t starts_within = 0;
  for (size_t buffer : nonempty_buffers(requests)) {
    const BufferRequest& request = requests[buffer];
    starts_within += static_cast<uint64_t>(std::upper_bound(starts.begin(), starts.end(), request.last_use) -
                                           std::lower_bound(starts.begin(), starts.end(), request.first_use));
  }
  uint64_t equal_start_pairs = 0;
  for (size_t i = 0, j = 0; i < starts.size(); i = j) {
    while (j < starts.size() && starts[j] == starts[i]) ++j;
    equal_start_pairs += (j - i) * (j - i - 1) / 2;
  }
  const uint64_t overlapping_pairs = starts_within - starts.size() - equal_start_pairs;
  return starts.size() + overlapping_pairs;
}

uint64_t arena_size_of(const AlignedRequests& requests, const std::vector<uint64_t>& offsets) {
  uint64_t arena_size = 0;
  for (size_t i = 0; i < requests.size(); ++i) {
    if (requests[i].size > 0) arena_size = std::max(arena_size, offsets[i] + requests[i].size);
  }
  return arena_size;
}

std::vector<uint64_t> place_best_fit(const AlignedRequests& requests, const std::vector<size_t>& order) {
  std::vector<uint64_t> offsets(requests.size(), 0);
  PlacedLifetimes placed(requests);
  std::vector<size_t> neighbours;  // reused across buffers: no allocation per placement
  for (size_t buffer : order) {
    const BufferRequest& request = requests[buffer];
    if (request.size == 0) continue;
    neighbours.clear();
    placed.collect_overlapping(request.first_use, request.last_use, neighbours);
    std::sort(neighbours.begin(), neighbours.end(), [&](size_t a, size_t b) { return offsets[a] < offsets[b]; });

    // Walk the neighbours bottom up; `top` is the highest byte they cover so
    // far, so [top, next offset) is free for the whole of our lifetime.
    uint64_t top = 0;
    uint64_t best_offset = 0;
    uint64_t best_gap = std::numeric_limits<uint64_t>::max();
    for (size_t neighbour : neighbours) {
      if (offsets[neighbour] > top) {
        const uint64_t gap = offsets[neighbour] - top;
        if (gap >= request.size && gap < best_gap) {
          best_gap = gap;
          best_offset = top;
        }
      }
      top = std::max(top, offsets[neighbour] + requests[neighbour].size);
    }
    offsets[buffer] = best_gap != std::numeric_limits<uint64_t>::max() ? best_offset : top;
    placed.add(buffer);
  }
  return offsets;
}

}  // namespace ingot::arena
