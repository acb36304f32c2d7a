// Runs one kernel on hand-made operands: the shared harness of the kernel
// tests (tests/runtime/kernels/<op>_test.cc). Builds the instruction's
// parameters as the program writer would, in a FlatBuffer.
#pragma once

#include <cstring>
#include <string>
#include <variant>
#include <vector>

#include <flatbuffers/flatbuffers.h>
#include <gtest/gtest.h>

#include "ingot/kernel.h"
#include "ingot_generated.h"

namespace ingot::rt::testing {

template <typename T>
constexpr DType dtype_of();
template <> constexpr DType dtype_of<float>() { return DType::f32; }
template <> constexpr DType dtype_of<double>() { return DType::f64; }
template <> constexpr DType dtype_of<int8_t>() { return DType::i8; }
template <> constexpr DType dtype_of<int16_t>() { return DType::i16; }
template <> constexpr DType dtype_of<int32_t>() { return DType::i32; }
template <> constexpr DType dtype_of<int64_t>() { return DType::i64; }
template <> constexpr DType dtype_of<uint8_t>() { return DType::u8; }
template <> constexpr DType dtype_of<uint16_t>() { return DType::u16; }
template <> constexpr DType dtype_of<uint32_t>() { return DType::u32; }
template <> constexpr DType dtype_of<uint64_t>() { return DType::u64; }
template <> constexpr DType dtype_of<bool>() { return DType::boolean; }

class KernelTester {
 public:
  using Shape = std::vector<int64_t>;

  // An input holding `values` (bool values are stored as one byte each).
  template <typename T>
  KernelTester& input(Shape shape, const std::vector<T>& values) {
    Operand& operand = add_operand(dtype_of<T>(), std::move(shape));
    EXPECT_EQ(values.size() * dtype_size(dtype_of<T>()), operand.storage.size()) << "input values and shape differ";
    for (size_t i = 0; i < values.size() && i * sizeof(T) < operand.storage.size(); ++i) {
      T value = values[i];
      std::memcpy(operand.storage.data() + i * dtype_size(dtype_of<T>()), &value, dtype_size(dtype_of<T>()));
    }
    inputs_.push_back(static_cast<int32_t>(operands_.size() - 1));
    return *this;
  }
  // Raw bytes, for f16/bf16 and other types without a C++ counterpart.
  KernelTester& input_bytes(DType dtype, Shape shape, const std::vector<uint8_t>& bytes) {
    Operand& operand = add_operand(dtype, std::move(shape));
    EXPECT_EQ(bytes.size(), operand.storage.size());
    std::memcpy(operand.storage.data(), bytes.data(), std::min(bytes.size(), operand.storage.size()));
    inputs_.push_back(static_cast<int32_t>(operands_.size() - 1));
    return *this;
  }
  KernelTester& absent_input() {
    inputs_.push_back(-1);
    return *this;
  }
  KernelTester& output(DType dtype, Shape shape) {
    add_operand(dtype, std::move(shape));
    outputs_.push_back(static_cast<int32_t>(operands_.size() - 1));
    return *this;
  }
  template <typename T>
  KernelTester& output(Shape shape) { return output(dtype_of<T>(), std::move(shape)); }

  KernelTester& attr(const std::string& name, int64_t value) { return add_attr(name, value); }
  KernelTester& attr(const std::string& name, int value) { return add_attr(name, int64_t{value}); }
  KernelTester& attr(const std::string& name, double value) { return add_attr(name, value); }
  KernelTester& attr(const std::string& name, const char* value) { return add_attr(name, std::string(value)); }
  KernelTester& attr(const std::string& name, std::vector<int64_t> value) { return add_attr(name, std::move(value)); }
  KernelTester& attr(const std::string& name, std::vector<double> value) { return add_attr(name, std::move(value)); }

  // The next run writes output 0 over input `i` (in place, as the memory
  // plan may arrange); output_values() then reads that input's bytes.
  KernelTester& in_place_over_input(size_t i) {
    in_place_input_ = static_cast<int32_t>(i);
    return *this;
  }

  // The next runs split their work over this pool's threads.
  KernelTester& on_threads(ThreadPool* pool) {
    pool_ = pool;
    return *this;
  }

  // Runs the kernel registered as `name` ("add.portable", "add.f32.avx2").
  Error run(const char* name) {
    KernelSet set = builtin_kernels();
    KernelFn fn = nullptr;
    for (size_t i = 0; i < set.count; ++i) {
      if (std::strcmp(set.entries[i].name, name) == 0) fn = set.entries[i].fn;
    }
    if (fn == nullptr) {
      ADD_FAILURE() << "no kernel " << name;
      return Error::missing_kernel;
    }
    build_instruction();
    std::vector<Tensor> tensors;
    for (Operand& operand : operands_) {
      Tensor tensor;
      tensor.data = operand.storage.data();
      tensor.dtype = operand.dtype;
      tensor.rank = static_cast<int32_t>(operand.shape.size());
      tensor.dims = operand.shape.data();
      tensor.numel = operand.numel;
      tensor.bytes = operand.storage.size();
      tensors.push_back(tensor);
    }
    if (in_place_input_ >= 0) {
      tensors[static_cast<size_t>(outputs_.at(0))].data = tensors[static_cast<size_t>(inputs_.at(in_place_input_))].data;
      outputs_.at(0) = inputs_.at(in_place_input_);
    }
    const auto* instruction = flatbuffers::GetRoot<fb::Instruction>(builder_.GetBufferPointer());
    KernelContext context(instruction, tensors.data(), &status_, pool_);
    return fn(context);
  }

  template <typename T>
  std::vector<T> output_values(size_t i = 0) const {
    const Operand& operand = operands_[outputs_.at(i)];
    std::vector<T> values(static_cast<size_t>(operand.numel));
    for (size_t k = 0; k < values.size(); ++k) {
      std::memcpy(&values[k], operand.storage.data() + k * dtype_size(operand.dtype), dtype_size(operand.dtype));
    }
    return values;
  }
  const std::vector<uint8_t>& output_bytes(size_t i = 0) const { return operands_[outputs_.at(i)].storage; }
  const char* message() const { return status_.message; }

 private:
  struct Operand {
    DType dtype;
    Shape shape;
    int64_t numel;
    std::vector<uint8_t> storage;
  };
  using AttrValue = std::variant<int64_t, double, std::string, std::vector<int64_t>, std::vector<double>>;

  Operand& add_operand(DType dtype, Shape shape) {
    int64_t numel = 1;
    for (int64_t d : shape) numel *= d;
    // Outputs start as a recognisable pattern so that unwritten bytes show.
    operands_.push_back({dtype, std::move(shape), numel, std::vector<uint8_t>(numel * dtype_size(dtype), 0xAB)});
    return operands_.back();
  }
  KernelTester& add_attr(const std::string& name, AttrValue value) {
    attrs_.emplace_back(name, std::move(value));
    return *this;
  }
  void build_instruction() {
    builder_.Clear();
    std::vector<flatbuffers::Offset<fb::Attr>> attrs;
    std::sort(attrs_.begin(), attrs_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [name, value] : attrs_) {
      auto name_offset = builder_.CreateString(name);
      switch (value.index()) {
        case 0: attrs.push_back(fb::CreateAttr(builder_, name_offset, fb::AttrType::i64, std::get<0>(value))); break;
        case 1: attrs.push_back(fb::CreateAttr(builder_, name_offset, fb::AttrType::f64, 0, std::get<1>(value))); break;
        case 2: {
          auto s = builder_.CreateString(std::get<2>(value));
          attrs.push_back(fb::CreateAttr(builder_, name_offset, fb::AttrType::str, 0, 0, s));
          break;
        }
        case 3: {
          auto v = builder_.CreateVector(std::get<3>(value));
          attrs.push_back(fb::CreateAttr(builder_, name_offset, fb::AttrType::i64s, 0, 0, 0, v));
          break;
        }
        case 4: {
          auto v = builder_.CreateVector(std::get<4>(value));
          attrs.push_back(fb::CreateAttr(builder_, name_offset, fb::AttrType::f64s, 0, 0, 0, 0, v));
          break;
        }
      }
    }
    auto instruction = fb::CreateInstructionDirect(builder_, 0, &inputs_, &outputs_, &attrs);
    builder_.Finish(instruction);
  }

  std::vector<Operand> operands_;
  std::vector<int32_t> inputs_;
  int32_t in_place_input_ = -1;
  ThreadPool* pool_ = nullptr;
  std::vector<int32_t> outputs_;
  std::vector<std::pair<std::string, AttrValue>> attrs_;
  flatbuffers::FlatBufferBuilder builder_;
  Status status_;
};

}  // namespace ingot::rt::testing
