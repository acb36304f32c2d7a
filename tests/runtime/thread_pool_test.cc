// ThreadPool: every index of [0, n) runs exactly once, on contiguous ranges,
// for any n and thread count; back-to-back calls (the executor makes one per
// node) see no stale job; the caller's thread takes part.
#include "ingot/thread_pool.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace ingot::rt {
namespace {

struct Coverage {
  std::vector<std::atomic<int>> hits;
  std::atomic<int> ranges{0};
  explicit Coverage(int64_t n) : hits(static_cast<size_t>(n)) {}
};

void count(void* context, int64_t begin, int64_t end) {
  auto* coverage = static_cast<Coverage*>(context);
  coverage->ranges.fetch_add(1);
  for (int64_t i = begin; i < end; ++i) coverage->hits[static_cast<size_t>(i)].fetch_add(1);
}

TEST(ThreadPool, EveryIndexRunsOnceInAtMostOneRangePerThread) {
  for (int threads : {1, 2, 3, 5}) {
    ThreadPool pool(threads);
    EXPECT_EQ(pool.threads(), threads);
    for (int64_t n : {0, 1, 2, 3, 4, 7, 100, 1001}) {
      Coverage coverage(n);
      pool.parallel_for(n, count, &coverage);
      for (int64_t i = 0; i < n; ++i) ASSERT_EQ(coverage.hits[static_cast<size_t>(i)].load(), 1) << threads << " threads, n " << n << ", index " << i;
      EXPECT_LE(coverage.ranges.load(), threads);
      EXPECT_EQ(coverage.ranges.load(), n < threads ? n : threads);
    }
  }
}

TEST(ThreadPool, ManyBackToBackCallsSeeTheirOwnJob) {
  ThreadPool pool(3);
  for (int call = 0; call < 3000; ++call) {
    const int64_t n = 1 + call % 9;
    Coverage coverage(n);
    pool.parallel_for(n, count, &coverage);
    for (int64_t i = 0; i < n; ++i) ASSERT_EQ(coverage.hits[static_cast<size_t>(i)].load(), 1) << "call " << call;
  }
}

TEST(ThreadPool, RangesRunOnSeveralThreadsIncludingTheCaller) {
  ThreadPool pool(2);
  struct Seen {
    std::mutex mutex;
    std::set<std::thread::id> ids;
  } seen;
  // Ranges that last long enough for the worker to wake from sleep.
  pool.parallel_for(2, [](void* context, int64_t, int64_t) {
    auto* s = static_cast<Seen*>(context);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::lock_guard<std::mutex> lock(s->mutex);
    s->ids.insert(std::this_thread::get_id());
  }, &seen);
  EXPECT_EQ(seen.ids.size(), 2u);
  EXPECT_EQ(seen.ids.count(std::this_thread::get_id()), 1u);
}

TEST(ThreadPool, IdleWorkersStopAtDestruction) {
  for (int i = 0; i < 50; ++i) {
    ThreadPool pool(4);
    std::this_thread::sleep_for(std::chrono::microseconds(i * 40));  // some spinning, some asleep
  }
}

}  // namespace
}  // namespace ingot::rt
