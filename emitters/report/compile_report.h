// report.json of a compiled bundle (schema `ingot.compile/1`, docs/report-json.md):
// what was compiled, node by node, and the sizes.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ir/imported_model.h"

namespace ingot {

struct CompileReportInput {
  std::string model_path;
  std::string source_hash;
  std::string target;
  const ImportResult* model = nullptr;
  const std::vector<std::string>* kernels = nullptr;  // per node
  uint64_t program_bytes = 0;
  uint64_t flatbuffer_bytes = 0;
  uint64_t constant_bytes = 0;
  uint64_t arena_bytes = 0;
};

nlohmann::ordered_json compile_report(const CompileReportInput& input);

}  // namespace ingot
