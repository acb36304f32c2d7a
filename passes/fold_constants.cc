#include "passes/fold_constants.h"

#include <fmt/format.h>

#include "ir/verifier.h"
#include "passes/qdq_patterns.h"

namespace ingot {
namespace {

bool foldable(const Graph& graph, const Node& node, FoldDequantize dequantize) {
  if (node.op() == OpKind::unmapped || node.outputs().empty()) return false;
  if (dequantize == FoldDequantize::no && dequantizes_constant(node)) return false;
  // A graph output stays computed (program outputs live in the arena).
  for (const Value* output : node.outputs()) {
    if (graph.is_output(output)) return false;
  }
  int64_t operand_bytes = 0;
  bool any_operand = false;
  for (const Value* input : node.inputs()) {
    if (input == nullptr) continue;
    if (!input->is_constant()) return false;
    operand_bytes += byte_size(input->type());
    any_operand = true;
  }
  if (!any_operand) return false;
  int64_t output_bytes = 0;
  for (const Value* output : node.outputs()) output_bytes += byte_size(output->type());
  return output_bytes <= std::max(operand_bytes, kMaxFoldGrowthBytes);
}

}  // namespace

Result<int64_t> fold_constants(Graph& graph, const ConstantEvaluator& evaluate, FoldDequantize dequantize) {
  int64_t folded = 0;
  for (Node* node : graph.nodes()) {
    if (!foldable(graph, *node, dequantize)) continue;
    Result<std::vector<ConstantData>> data = evaluate(*node);
    if (!data.ok()) {
      // A kernel that refuses these operands would refuse them at run time
      // too; report it now, where the user can see which node.
      return data.status().with_context(node_context(*node));
    }
    for (size_t i = 0; i < node->outputs().size(); ++i) {
      Value* output = node->output(i);
      graph.replace_all_uses(output, graph.add_constant(output->name() + "_folded", output->type(), std::move((*data)[i])));
    }
    ++folded;
  }
  return folded;
}

}  // namespace ingot
