// The runtime's thread pool: made once, next to the Program (not per run),
// and handed to Executor::init. Kernels split their work with
// KernelContext::parallel_for; with no pool they run on the caller's thread.
//
// parallel_for allocates nothing: a task is a function pointer and a context
// pointer, and the ranges are fixed by the index of each thread. Workers spin
// briefly before they sleep, because a model calls parallel_for once per
// node, and waking a sleeping thread costs more than many small kernels take.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace ingot::rt {

class ThreadPool {
 public:
  using Task = void (*)(void* context, int64_t begin, int64_t end);

  // `threads` in all, the caller's included: threads - 1 workers start here.
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  // Splits [0, n) into at most threads() contiguous, nearly equal ranges and
  // runs task(context, begin, end) on each, one per thread, the caller taking
  // the first; returns when every range is done. Not reentrant: one caller
  // at a time.
  void parallel_for(int64_t n, Task task, void* context);

 private:
  void work(int index);
  void run_part(int index) const;

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<uint64_t> generation_{0};  // bumped once per parallel_for
  std::atomic<int> pending_{0};          // worker ranges not yet done
  bool stop_ = false;                    // guarded by mutex_
  // The current job; written before generation_ is bumped.
  Task task_ = nullptr;
  void* context_ = nullptr;
  int64_t n_ = 0;
  int parts_ = 0;
};

}  // namespace ingot::rt
