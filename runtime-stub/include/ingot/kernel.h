// What a kernel sees: its operands as Tensor views and its typed parameters.
// A kernel writes only into its outputs (planned ahead of time) and reports
// operands it cannot handle with Error::kernel_failed and a message.
#pragma once

#include <cstdarg>
#include <cstdint>

#include "ingot/runtime.h"

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
  KernelContext(const fb::Instruction* instruction, Tensor* tensors, Status* status)
      : instruction_(instruction), tensors_(tensors), status_(status) {}

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

 private:
  const fb::Instruction* instruction_;
  Tensor* tensors_;
  Status* status_;
};

}  // namespace ingot::rt
