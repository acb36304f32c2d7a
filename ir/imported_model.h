// What every importer hands the compiler: the graph plus what the source model
// said about itself, in the model's own terms, for reports.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ir/constant_evaluator.h"
#include "ir/graph.h"

namespace ingot {

// The source_op of the `copy` an importer adds for a graph output that is an
// input, a constant or another output. No converter emits it, so no source
// op declares it: a model whose outputs are like that needs the copy kernel
// whatever its source ops are.
inline constexpr std::string_view kOutputCopySource = "(output copy)";

struct UnmappedNode {
  std::string node_name;
  std::string op_type;  // the source op: "Einsum", "com.microsoft:FusedConv"
  std::string reason;
};

struct ImportResult {
  Graph graph;
  std::string format;    // "onnx"
  int64_t opset = 0;     // the model's standard opset
  std::string producer;  // the tool that wrote the model, as it says
  // Source ops by type, in the model's own terms.
  std::map<std::string, int64_t> source_op_histogram;
  std::vector<UnmappedNode> unmapped;
  std::vector<std::string> warnings;
};

// Shapes for inputs with symbolic or unknown dims, by input name; dims left
// unbound default to 1, with a warning.
struct ImportOptions {
  std::map<std::string, Shape> input_shapes;
  // Keep nodes that cannot be mapped as `unmapped` placeholders (for
  // `ingot inspect`) instead of failing.
  bool keep_unmapped = false;
  // Evaluates constant subgraphs whose values an op needs at compile time
  // (the compiler passes the reference kernels; without it they stay unknown).
  ConstantEvaluator evaluate;
};

}  // namespace ingot
