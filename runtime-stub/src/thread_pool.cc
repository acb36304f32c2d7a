// ThreadPool: workers wait for a new generation, spinning for a while before
// they sleep on the condition variable; the caller spins until every worker
// range is done (ranges are short: one node of a model).
#include "ingot/thread_pool.h"

#include <thread>

namespace ingot::rt {
namespace {

// Some tens of microseconds of polling (a pause is 10-140 cycles) before a
// worker sleeps: longer than the gap between two nodes of a model, shorter
// than a scheduler tick.
constexpr int kSpinsBeforeSleep = 1 << 11;
// The caller polls as long, then yields its core: with more threads than
// free cores, the worker it waits for may need that core to finish.
constexpr int kSpinsBeforeYield = 1 << 11;

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

}  // namespace

ThreadPool::ThreadPool(int threads) {
  // A thread that cannot be started (no memory, a process limit) leaves a
  // smaller pool rather than an exception crossing the runtime's C-style
  // API: threads() says how many there are.
  try {
    if (threads > 1) workers_.reserve(static_cast<size_t>(threads - 1));
    for (int index = 1; index < threads; ++index) workers_.emplace_back([this, index] { work(index); });
  } catch (...) {
  }
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void ThreadPool::run_part(int index) const {
  const int64_t begin = n_ * index / parts_;
  const int64_t end = n_ * (index + 1) / parts_;
  if (begin < end) task_(context_, begin, end);
}

void ThreadPool::parallel_for(int64_t n, Task task, void* context) {
  if (n <= 0) return;
  const int parts = n < threads() ? static_cast<int>(n) : threads();
  if (parts == 1) {
    task(context, 0, n);
    return;
  }
  task_ = task;
  context_ = context;
  n_ = n;
  parts_ = parts;
  // Every worker reports back, also those with no range, so that none still
  // reads this job's fields when the next one is written.
  pending_.store(static_cast<int>(workers_.size()), std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  run_part(0);
  for (int spins = 0; pending_.load(std::memory_order_acquire) != 0; ++spins) {
    if (spins < kSpinsBeforeYield) {
      cpu_relax();
    } else {
      std::this_thread::yield();
    }
  }
}

void ThreadPool::work(int index) {
  uint64_t seen = 0;
  for (;;) {
    int spins = 0;
    while (generation_.load(std::memory_order_acquire) == seen && spins < kSpinsBeforeSleep) {
      cpu_relax();
      ++spins;
    }
    if (generation_.load(std::memory_order_acquire) == seen) {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || generation_.load(std::memory_order_acquire) != seen; });
      if (stop_) return;
    }
    seen = generation_.load(std::memory_order_acquire);
    if (index < parts_) run_part(index);
    pending_.fetch_sub(1, std::memory_order_acq_rel);
  }
}

}  // namespace ingot::rt
