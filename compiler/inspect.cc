#include "compiler/inspect.h"

#include "compiler/frontend.h"
#include "emitters/report/inspect_report.h"
#include "ir/printer.h"

namespace ingot {

namespace {

// The summary, with what the importer declares for each source op type.
ModelSummary summarize_with_declarations(const std::string& path, const ImportResult& model) {
  ModelSummary summary = summarize(path, model);
  for (const auto& [op, count] : model.source_op_histogram) {
    std::optional<CoreOpSet> ops = declared_core_ops(model.format, op);
    summary.declared_core_ops[op] = ops ? std::optional(ops->names()) : std::nullopt;
  }
  return summary;
}

}  // namespace

Result<std::string> inspect_model(const std::string& path, ImportOptions options, InspectFormat format) {
  options.keep_unmapped = true;
  INGOT_ASSIGN_OR_RETURN(ImportResult model, import_any(path, options));
  switch (format) {
    case InspectFormat::json: return inspect_json(summarize_with_declarations(path, model)).dump(2) + "\n";
    case InspectFormat::text: return inspect_text(summarize(path, model));
    case InspectFormat::ir: return print_graph(model.graph, {.elide_large_constants = true});
    case InspectFormat::dot: return graph_dot(model.graph);
  }
  return Status::internal("unknown inspect format");
}

}  // namespace ingot
