// A pass is a name plus a function that rewrites a Graph in place. Passes keep
// their logic in reusable utilities (rewrite.h, and one file per rule family);
// the pipeline that orders them lives in compiler/pipeline.cc.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "ir/graph.h"
#include "ir/status.h"
#include "ir/constant_evaluator.h"
#include "passes/kernel_table.h"

namespace ingot {

// What a pass may consult: the target's kernels (decompose and fuse ask it,
// never a list of their own) and the reference kernels (constant folding).
// Passes count what they did in `changes` ("folded", "fused conv+relu", ...),
// for the report.
struct PassContext {
  const KernelTable* kernels = nullptr;
  ConstantEvaluator evaluate;
  std::map<std::string, int64_t> changes;

  void count(const std::string& what, int64_t n = 1) {
    if (n != 0) changes[what] += n;
  }
};

struct Pass {
  std::string name;
  std::string summary;  // one line, for --help and the report
  std::function<Status(Graph&, PassContext&)> run;
};

}  // namespace ingot
