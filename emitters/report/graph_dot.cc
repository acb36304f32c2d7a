#include <unordered_map>

#include <fmt/format.h>

#include "emitters/report/inspect_report.h"

namespace ingot {
namespace {

// Dot string literal: quotes and backslashes escaped.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string graph_dot(const Graph& graph) {
  std::string dot = fmt::format("digraph {} {{\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n",
                                quoted(graph.name));
  // Values are edges; inputs and outputs are nodes of their own.
  for (const Value* input : graph.inputs()) {
    dot += fmt::format("  {} [shape=oval, label={}];\n", quoted("in:" + input->name()),
                       quoted(input->name() + "\n" + type_to_string(input->type())));
  }
  // Nodes are named by position so that the output is deterministic.
  std::vector<Node*> nodes = graph.nodes();
  std::unordered_map<const Node*, size_t> index;
  for (size_t i = 0; i < nodes.size(); ++i) index[nodes[i]] = i;
  auto source_of = [&](const Value* value) -> std::string {
    if (value->producer() != nullptr) return fmt::format("n{}", index.at(value->producer()));
    return "in:" + value->name();
  };
  for (size_t i = 0; i < nodes.size(); ++i) {
    const Node* node = nodes[i];
    bool unmapped = node->op() == OpKind::unmapped;
    std::string label = unmapped ? node->attr_s("source_op") + " (unmapped)" : std::string(op_name(node->op()));
    dot += fmt::format("  {} [shape=box, style=filled, fillcolor={}, label={}];\n",
                       quoted(fmt::format("n{}", i)), unmapped ? "salmon" : "lightblue",
                       quoted(label + "\n" + node->name()));
    for (const Value* input : node->inputs()) {
      if (input == nullptr || input->is_constant()) continue;  // weights would drown the picture
      dot += fmt::format("  {} -> {} [label={}];\n", quoted(source_of(input)),
                         quoted(fmt::format("n{}", i)),
                         quoted(type_to_string(input->type())));
    }
  }
  for (const Value* output : graph.outputs()) {
    dot += fmt::format("  {} [shape=oval, label={}];\n  {} -> {};\n", quoted("out:" + output->name()),
                       quoted(output->name() + "\n" + type_to_string(output->type())), quoted(source_of(output)),
                       quoted("out:" + output->name()));
  }
  return dot + "}\n";
}

}  // namespace ingot
