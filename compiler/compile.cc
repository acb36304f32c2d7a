#include "compiler/compile.h"

#include <fstream>

#include <fmt/format.h>
#include <llvm/ADT/ArrayRef.h>
#include <llvm/Support/SHA256.h>

#include "compiler/bundle_writer.h"
#include "compiler/frontend.h"
#include "compiler/memory_plan.h"
#include "emitters/program/program_writer.h"
#include "emitters/report/compile_report.h"
#include "ingot/runtime.h"
#include "ir/verifier.h"

namespace ingot {
namespace {

Result<std::string> sha256_of_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::invalid(path + ": cannot be read");
  llvm::SHA256 hash;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
    hash.update(llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t*>(buffer), static_cast<size_t>(in.gcount())));
  }
  std::string hex;
  for (uint8_t byte : hash.final()) hex += fmt::format("{:02x}", byte);
  return hex;
}

bool runtime_has_kernel(const std::string& name) {
  rt::KernelSet set = rt::portable_kernels();
  for (size_t i = 0; i < set.count; ++i) {
    if (name == set.entries[i].name) return true;
  }
  return false;
}

// Kernel selection for the portable target: each node runs its op's
// reference kernel. A node whose kernel does not exist is an error now,
// not a load failure on the device.
Result<std::vector<std::string>> select_kernels(const Graph& graph, const std::string& path) {
  std::vector<std::string> kernels;
  for (const Node* node : graph.nodes()) {
    std::string name = fmt::format("{}.portable", op_name(node->op()));
    if (!runtime_has_kernel(name)) {
      return Status::invalid(fmt::format("{}: {}no kernel implements this op yet ({})", path, node_context(*node), name));
    }
    kernels.push_back(std::move(name));
  }
  return kernels;
}

}  // namespace

Result<CompileSummary> compile_model(const std::string& model_path, const std::string& out_dir,
                                     const CompileOptions& options) {
  if (options.target != "portable") {
    return Status::usage(fmt::format("unknown target '{}' (known: portable)", options.target));
  }
  INGOT_ASSIGN_OR_RETURN(ImportResult model, import_any(model_path, options.import));
  INGOT_RETURN_IF_ERROR(verify(model.graph).with_context(model_path + ": "));
  INGOT_ASSIGN_OR_RETURN(std::vector<std::string> kernels, select_kernels(model.graph, model_path));
  INGOT_ASSIGN_OR_RETURN(std::string source_hash, sha256_of_file(model_path));
  MemoryPlan plan = plan_memory_without_reuse(model.graph);
  ProgramSizes sizes;
  std::vector<uint8_t> program = write_program(model.graph, kernels, plan,
                                               {"ingot 0.1.0", source_hash, options.target}, &sizes);
  CompileReportInput report{model_path,  source_hash, options.target, &model, &kernels, sizes.total_bytes,
                            sizes.flatbuffer_bytes, sizes.constant_bytes, plan.arena_size};
  std::map<std::string, std::string> files;
  files["model.ingot"] = std::string(program.begin(), program.end());
  files["report.json"] = compile_report(report).dump(2) + "\n";
  INGOT_RETURN_IF_ERROR(write_bundle(out_dir, files));
  return CompileSummary{out_dir, static_cast<int64_t>(model.graph.num_nodes()), sizes.total_bytes,
                        sizes.constant_bytes, plan.arena_size};
}

}  // namespace ingot
