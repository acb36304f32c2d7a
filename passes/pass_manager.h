// Runs an ordered list of passes over a graph: skips disabled ones, verifies
// the graph after each pass when asked (tests always ask), hands the IR to a
// printer after the passes named by --print-ir-after, and records what each
// pass did for the report.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "passes/pass.h"

namespace ingot {

struct PassRecord {
  std::string name;
  bool ran = false;  // false when disabled
  int64_t nodes_before = 0;
  int64_t nodes_after = 0;
  std::map<std::string, int64_t> changes;
};

struct PipelineOptions {
  std::set<std::string> disabled;
  std::set<std::string> print_after;
  bool verify_each = true;
  // Called with the pass name and the graph after each pass in print_after.
  std::function<void(const std::string&, const Graph&)> print;
};

// Checks that every name in `names` is a pass of `pipeline` (a usage error
// names the unknown one and lists the known ones).
Status check_pass_names(const std::vector<Pass>& pipeline, const std::set<std::string>& names, const char* option);

Result<std::vector<PassRecord>> run_pipeline(Graph& graph, const std::vector<Pass>& pipeline, PassContext& context,
                                             const PipelineOptions& options);

}  // namespace ingot
