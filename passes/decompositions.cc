#include "passes/decompositions.h"

#include "passes/rewrite.h"

namespace ingot {

Value* scalar_like_result(Graph& graph, const Node& node, double value) {
  return add_constant_values(graph, node.output(0)->name() + "_c", node.output(0)->type().dtype, {}, {value});
}

const std::vector<Decomposition>& decompositions() {
  static const std::vector<Decomposition> all = [] {
    std::vector<Decomposition> rules;
    for (auto family : {activation_decompositions, norm_decompositions, linalg_decompositions}) {
      for (const Decomposition& rule : family()) rules.push_back(rule);
    }
    return rules;
  }();
  return all;
}

}  // namespace ingot
