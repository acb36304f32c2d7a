// report.json of a compiled bundle (schema `ingot.compile/1`, docs/report-json.md):
// what was compiled, node by node, and the sizes.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "emitters/program/program_writer.h"
#include "ir/imported_model.h"
#include "passes/kernel_table.h"
#include "passes/pass_manager.h"

namespace ingot {

struct CompileReportInput {
  std::string model_path;
  std::string source_hash;
  std::string target;
  const ImportResult* model = nullptr;
  const std::vector<KernelChoice>* kernels = nullptr;  // per node
  const std::vector<PassRecord>* passes = nullptr;
  const MemoryPlan* plan = nullptr;
  int64_t imported_nodes = 0;
  ProgramSizes sizes;
};

nlohmann::ordered_json compile_report(const CompileReportInput& input);

}  // namespace ingot
