// The verifier: a graph is well formed when every node matches its op table
// entry (operands, attributes, output types from the shape rule), values are
// defined before use, and names are unique. Runs after import and, in tests,
// after every pass.
#pragma once

#include <vector>

#include "ir/graph.h"
#include "ir/status.h"

namespace ingot {

Status verify(const Graph& graph);
Status verify_node(const Node& node);

// Checks operands and attributes of a node that is not built yet and returns
// its output types by the op's shape rule. `declared` are the types a caller
// already knows (from the source model); rules of data-dependent ops use them.
Result<std::vector<TensorType>> infer_output_types(const NodeSpec& spec, const std::vector<TensorType>& declared);

// "node 'conv1' (conv): " — the prefix of every message about a node.
std::string node_context(const Node& node);

}  // namespace ingot
