// Writes the program file (runtime-stub/schema/ingot.fbs): the FlatBuffer,
// size-prefixed, then the constant segment at the next 64-byte boundary.
// Deterministic: the same graph, plan and info give the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/graph.h"
#include "passes/plan_memory.h"

namespace ingot {

struct ProgramInfo {
  std::string producer;     // "ingot 0.1.0"
  std::string source_hash;  // hex SHA-256 of the model file
  std::string target;       // "portable"
  std::vector<std::string> required_isa;  // CPU features the kernels need
};

struct ProgramSizes {
  uint64_t flatbuffer_bytes = 0;
  uint64_t constant_bytes = 0;
  uint64_t total_bytes = 0;
};

// `kernels[i]` names the kernel of graph.nodes()[i].
std::vector<uint8_t> write_program(const Graph& graph, const std::vector<std::string>& kernels, const MemoryPlan& plan,
                                   const ProgramInfo& info, ProgramSizes* sizes = nullptr);

}  // namespace ingot
