#include "passes/pass_manager.h"

#include <fmt/format.h>

#include "ir/verifier.h"

namespace ingot {

Status check_pass_names(const std::vector<Pass>& pipeline, const std::set<std::string>& names, const char* option) {
  std::vector<std::string> known;
  for (const Pass& pass : pipeline) known.push_back(pass.name);
  for (const std::string& name : names) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return Status::usage(fmt::format("{} {}: no such pass (the passes are: {})", option, name, fmt::join(known, ", ")));
    }
  }
  return {};
}

Result<std::vector<PassRecord>> run_pipeline(Graph& graph, const std::vector<Pass>& pipeline, PassContext& context,
                                             const PipelineOptions& options) {
  std::vector<PassRecord> records;
  for (const Pass& pass : pipeline) {
    PassRecord record{pass.name};
    record.nodes_before = record.nodes_after = static_cast<int64_t>(graph.num_nodes());
    if (!options.disabled.contains(pass.name)) {
      context.changes.clear();
      INGOT_RETURN_IF_ERROR(pass.run(graph, context).with_context(fmt::format("pass {}: ", pass.name)));
      if (options.verify_each) {
        Status valid = verify(graph);
        if (!valid.ok()) {
          return Status::internal(fmt::format("pass {} left an invalid graph: {}", pass.name, valid.message()));
        }
      }
      record.ran = true;
      record.nodes_after = static_cast<int64_t>(graph.num_nodes());
      record.changes = std::move(context.changes);
    }
    if (options.print && options.print_after.contains(pass.name)) options.print(pass.name, graph);
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace ingot
