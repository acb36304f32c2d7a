// What a kernel sees: its operands as Tensor views and its typed parameters.
// A kernel writes only into its outputs (planned ahead of time) and reports
// operands it cannot handle with Error::kernel_failed and a message.
#pragma once

#include <cstdarg>
#include <cstdint>
#include <type_traits>

#include "ingot/runtime.h"
#include "ingot/thread_pool.h"

namespace ingot::rt {

// A read-only view of an integer or float list parameter.
template <typename T>
struct List {
  const T* data = nullptr;
  size_t size = 0;
  const T* begin() const { return data; }
  const T* end() const { return data + size; }
  T operator[](size_t i) const { return data[i]; }
  bool empty() const { return size == 0; }
};

class KernelContext {
 public:
  KernelContext(const fb::Instruction* instruction, Tensor* tensors, Status* status, ThreadPool* pool = nullptr)
      : instruction_(instruction), tensors_(tensors), status_(status), pool_(pool) {}

  size_t num_inputs() const;
  size_t num_outputs() const;
  // Null for an absent optional operand or an index past the end.
  const Tensor* input(size_t i) const;
  const Tensor& output(size_t i) const;

  bool has_attr(const char* name) const;
  int64_t attr_int(const char* name, int64_t fallback = 0) const;
  double attr_float(const char* name, double fallback = 0) const;
  // "" when absent.
  const char* attr_string(const char* name) const;
  List<int64_t> attr_ints(const char* name) const;
  List<double> attr_floats(const char* name) const;

  // Records why the kernel cannot run and returns Error::kernel_failed.
  Error fail(const char* format, ...) const;

  // Runs body(begin, end) over contiguous ranges covering [0, n), on the
  // executor's threads when it has a pool (each range on one thread), else
  // once on this thread. Ranges must touch disjoint outputs.
  template <typename Body>
  void parallel_for(int64_t n, Body&& body) const {
    if (pool_ == nullptr || n < 2) {
      if (n > 0) body(int64_t{0}, n);
      return;
    }
    using BodyType = std::remove_reference_t<Body>;
    pool_->parallel_for(
        n, [](void* context, int64_t begin, int64_t end) { (*static_cast<BodyType*>(context))(begin, end); },
        const_cast<void*>(static_cast<const void*>(&body)));
  }
  int threads() const { return pool_ != nullptr ? pool_->threads() : 1; }

 private:
  const fb::Instruction* instruction_;
  Tensor* tensors_;
  Status* status_;
  ThreadPool* pool_;
};

}  // namespace ingot::rt
