// Internal to passes/memory: the algorithms ArenaPlanner runs, and the
// best-fit placement they share. Every algorithm here is a greedy "order the
// buffers, then place each in turn at the best-fitting free spot"; they differ
// in the order, which is what decides the quality of a best-fit plan.
//
// Algorithms see requests whose sizes are already rounded up to the
// alignment: every offset they produce is a sum of such sizes, hence aligned.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "passes/memory/arena_planner.h"

namespace ingot::arena {

using AlignedRequests = std::vector<BufferRequest>;

// best_fit_placement.cc: places the buffers one at a time in `order` (which
// lists every buffer of size > 0 exactly once; zero-size buffers are left at
// offset 0 wherever they appear). Each buffer goes into the smallest gap
// between already-placed buffers whose lifetimes overlap its own that fits it,
// the lowest such gap on ties, else just above the highest of those buffers.
// Costs O((n + k) log n), k the number of overlapping pairs.
std::vector<uint64_t> place_best_fit(const AlignedRequests& requests, const std::vector<size_t>& order);

// n + k for the buffers of size > 0: what one place_best_fit costs, in units
// of about a tree step each. Counted in O(n log n) without enumerating pairs.
uint64_t placement_work(const AlignedRequests& requests);

// max(offset + size) over the buffers: the arena a set of offsets needs.
uint64_t arena_size_of(const AlignedRequests& requests, const std::vector<uint64_t>& offsets);

// The indices of the buffers of size > 0, the ones orderings arrange.
std::vector<size_t> nonempty_buffers(const AlignedRequests& requests);

// greedy_by_size.cc: largest first (ties: earlier first_use, then index).
// Big buffers placed first leave small ones to fill the gaps between them.
std::vector<size_t> order_by_size(const AlignedRequests& requests);
ArenaPlan plan_greedy_by_size(const AlignedRequests& requests);

// greedy_by_breadth.cc: steps in decreasing breadth (total size alive there);
// at each step, its not yet placed buffers largest first. The most crowded
// step is packed tightly first, and the others fit around it.
std::vector<size_t> order_by_breadth(const AlignedRequests& requests);
ArenaPlan plan_greedy_by_breadth(const AlignedRequests& requests);

// iterated_greedy.cc: many start orders (the two above, four other keys,
// then size orders with random jitter), each refined by moving the buffers
// that reach the arena's top to the front; keeps the best plan. The number of
// placements is bounded by a fixed amount of placement_work.
ArenaPlan plan_iterated_greedy(const AlignedRequests& requests);

}  // namespace ingot::arena
