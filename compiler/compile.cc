#include "compiler/compile.h"

#include <fstream>

#include <fmt/format.h>
#include <llvm/ADT/ArrayRef.h>
#include <llvm/Support/SHA256.h>

#include "compiler/bundle_writer.h"
#include "compiler/frontend.h"
#include "compiler/evaluate_node.h"
#include "passes/plan_memory.h"
#include "compiler/pipeline.h"
#include "compiler/target.h"
#include "emitters/program/program_writer.h"
#include "emitters/report/compile_report.h"
#include "ir/verifier.h"
#include "passes/pass_manager.h"

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

// Kernel selection for the portable target: each node runs its op's
// reference kernel. A node whose kernel does not exist is an error now,
// not a load failure on the device.
Result<std::vector<std::string>> select_kernels(const Graph& graph, const Target& target, const std::string& path) {
  std::vector<std::string> kernels;
  for (const Node* node : graph.nodes()) {
    std::string name = target.kernel_for(node->op());
    if (name.empty()) {
      return Status::invalid(fmt::format("{}: {}target {} has no kernel for this op", path, node_context(*node),
                                         target.name()));
    }
    kernels.push_back(std::move(name));
  }
  return kernels;
}

Result<std::vector<PassRecord>> run_passes(Graph& graph, const Target& target, const CompileOptions& options,
                                           const std::string& path) {
  PassContext context{&target, evaluate_with_reference_kernels, {}};
  PipelineOptions pipeline_options{options.disabled_passes, options.print_ir_after, true, options.print_ir};
  Result<std::vector<PassRecord>> records = run_pipeline(graph, default_pipeline(), context, pipeline_options);
  if (!records.ok()) return records.status().with_context(path + ": ");
  return records;
}

}  // namespace

Result<CompileSummary> compile_model(const std::string& model_path, const std::string& out_dir,
                                     const CompileOptions& options) {
  INGOT_ASSIGN_OR_RETURN(std::unique_ptr<Target> target, Target::named(options.target));
  INGOT_RETURN_IF_ERROR(check_pass_names(default_pipeline(), options.disabled_passes, "--disable-pass"));
  INGOT_RETURN_IF_ERROR(check_pass_names(default_pipeline(), options.print_ir_after, "--print-ir-after"));
  INGOT_ASSIGN_OR_RETURN(ImportResult model, import_any(model_path, options.import));
  INGOT_RETURN_IF_ERROR(verify(model.graph).with_context(model_path + ": "));
  const int64_t imported_nodes = static_cast<int64_t>(model.graph.num_nodes());
  INGOT_ASSIGN_OR_RETURN(std::vector<PassRecord> passes, run_passes(model.graph, *target, options, model_path));
  INGOT_ASSIGN_OR_RETURN(std::vector<std::string> kernels, select_kernels(model.graph, *target, model_path));
  INGOT_ASSIGN_OR_RETURN(std::string source_hash, sha256_of_file(model_path));
  MemoryPlan plan = plan_memory(model.graph);
  ProgramSizes sizes;
  std::vector<uint8_t> program = write_program(model.graph, kernels, plan,
                                               {"ingot 0.1.0", source_hash, options.target}, &sizes);
  CompileReportInput report{model_path, source_hash, options.target, &model, &kernels, &passes, &plan,
                            imported_nodes, sizes};
  std::map<std::string, std::string> files;
  files["model.ingot"] = std::string(program.begin(), program.end());
  files["report.json"] = compile_report(report).dump(2) + "\n";
  INGOT_RETURN_IF_ERROR(write_bundle(out_dir, files));
  return CompileSummary{out_dir,          imported_nodes,   static_cast<int64_t>(model.graph.num_nodes()),
                        sizes.total_bytes, sizes.constant_bytes, plan.arena_size, plan.lower_bound, plan.naive_size};
}

}  // namespace ingot
