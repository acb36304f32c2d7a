// Runs a Graph the way a compiled program runs: written as a program with a
// given memory plan, loaded and executed by the runtime with the portable
// kernels. For tests that compare two graphs (before and after passes) or
// two memory plans on the same inputs.
#pragma once

#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <vector>

#include <fmt/format.h>

#include "emitters/program/program_writer.h"
#include "ingot/runtime.h"
#include "passes/plan_memory.h"

namespace ingot::testing {

using Bytes = std::vector<uint8_t>;

struct FreeDeleter {
  void operator()(uint8_t* p) const { std::free(p); }
};
using AlignedBytes = std::unique_ptr<uint8_t, FreeDeleter>;

inline AlignedBytes aligned_bytes(size_t size) {
  const size_t rounded = (std::max<size_t>(size, 1) + rt::kAlignment - 1) / rt::kAlignment * rt::kAlignment;
  return AlignedBytes(static_cast<uint8_t*>(std::aligned_alloc(rt::kAlignment, rounded)));
}

// Outputs of `graph` for `inputs` (one byte buffer per graph input), on the
// portable kernels, or on `kernels` (one name per node, from the runtime's
// builtin_kernels(): the optimized ones of this build) when given.
inline Result<std::vector<Bytes>> run_graph(const Graph& graph, const MemoryPlan& plan, const std::vector<Bytes>& inputs,
                                            std::vector<std::string> kernels = {}) {
  const bool portable = kernels.empty();
  if (portable) {
    for (const Node* node : graph.nodes()) kernels.push_back(fmt::format("{}.portable", op_name(node->op())));
  }
  const Bytes program_bytes = write_program(graph, kernels, plan, {"test", "", "portable"});
  AlignedBytes program_copy = aligned_bytes(program_bytes.size());
  std::memcpy(program_copy.get(), program_bytes.data(), program_bytes.size());
  rt::Program program;
  rt::Status status = rt::Program::load(program_copy.get(), program_bytes.size(),
                                            portable ? rt::portable_kernels() : rt::builtin_kernels(), &program);
  if (!status.ok()) return Status::internal(status.message);
  AlignedBytes arena = aligned_bytes(program.arena_size());
  // Poison the arena so that a plan that reads stale bytes shows.
  std::memset(arena.get(), 0x7f, program.arena_size());
  rt::Executor executor;
  if (status = executor.init(program, arena.get(), program.arena_size()); !status.ok()) return Status::internal(status.message);
  for (size_t i = 0; i < inputs.size(); ++i) std::memcpy(executor.input(i).data, inputs[i].data(), inputs[i].size());
  if (status = executor.run(); !status.ok()) return Status::internal(status.message);
  std::vector<Bytes> outputs;
  for (size_t i = 0; i < program.num_outputs(); ++i) {
    const auto* data = static_cast<const uint8_t*>(executor.output(i).data);
    outputs.emplace_back(data, data + executor.output(i).bytes);
  }
  return outputs;
}

// Deterministic inputs: floats ~ N(0, 1), integers in [0, 4), bools.
inline std::vector<Bytes> random_inputs(const Graph& graph, uint32_t seed) {
  std::mt19937 random(seed);
  std::normal_distribution<float> normal;
  std::vector<Bytes> inputs;
  for (const Value* input : graph.inputs()) {
    const TensorType& type = input->type();
    const size_t count = static_cast<size_t>(num_elements(type.shape));
    Bytes bytes(count * dtype_size(type.dtype));
    for (size_t i = 0; i < count; ++i) {
      if (type.dtype == DType::f32) {
        const float v = normal(random);
        std::memcpy(bytes.data() + 4 * i, &v, 4);
      } else if (type.dtype == DType::i64) {
        const int64_t v = static_cast<int64_t>(random() % 4);
        std::memcpy(bytes.data() + 8 * i, &v, 8);
      } else {
        for (size_t b = 0; b < dtype_size(type.dtype); ++b) bytes[i * dtype_size(type.dtype) + b] = random() % 2;
      }
    }
    inputs.push_back(std::move(bytes));
  }
  return inputs;
}

}  // namespace ingot::testing
