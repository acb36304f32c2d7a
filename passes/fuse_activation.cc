#include "passes/fuse_activation.h"

#include <map>

#include "ir/op_table.h"
#include "ir/ops/fused_activation.h"
#include "passes/rewrite.h"

namespace ingot {
namespace {

bool can_carry_activation(const Node& node) {
  const OpInfo& info = op_info(node.op());
  return info.find_attr(kActivationAttr.name) != nullptr && !node.has_attr(kActivationAttr.name) &&
         node.outputs().size() == 1 && is_float(node.output(0)->type().dtype);
}

// "onnx:Conv+onnx:Relu": the location names every source op the node does.
std::string joined_source_ops(const std::string& first, const std::string& second) {
  if (first.empty() || second.empty()) return first + second;
  return first + "+" + second;
}

}  // namespace

std::vector<FusionCount> fuse_activations(Graph& graph, const KernelTable& kernels) {
  std::map<std::string, int64_t> fused;
  const std::unordered_map<const Value*, int> uses = count_uses(graph);
  for (Node* activation : graph.nodes()) {
    std::optional<FusedActivation> form = fused_form(*activation);
    if (!form) continue;
    Value* x = activation->input(0);
    Node* producer = x->producer();
    if (producer == nullptr || !can_carry_activation(*producer) || uses.at(x) != 1 || graph.is_output(x)) continue;
    if (x->type() != activation->output(0)->type() || !graph.can_replace(activation->output(0), x)) continue;
    AttrMap attrs = producer->attrs();
    attrs[std::string(kActivationAttr.name)] = form->kind;
    if (!form->params.empty()) attrs[std::string(kActivationParamsAttr.name)] = form->params;
    // Fusing must not push the producer onto a slower kernel than it has now
    // (an optimized add cannot take every activation).
    const DType dtype = x->type().dtype;
    if (kernels.support(producer->op(), attrs, dtype) < kernels.support(producer->op(), producer->attrs(), dtype)) {
      continue;
    }
    producer->mutable_attrs() = std::move(attrs);
    producer->set_source_op(joined_source_ops(producer->source_op(), activation->source_op()));
    graph.replace_all_uses(activation->output(0), x);
    ++fused[std::string(op_name(producer->op())) + "+" + form->kind];
  }
  std::vector<FusionCount> counts;
  for (const auto& [pattern, count] : fused) counts.push_back({pattern, count});
  return counts;
}

}  // namespace ingot
