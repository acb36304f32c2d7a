#include "ir/fold_value.h"

#include <unordered_map>

namespace ingot {
namespace {

// Chains of shape arithmetic are short; the bound keeps a hostile graph from
// recursing deeply.
constexpr int kMaxDepth = 64;

Value* fold(Graph& graph, Value* value, const ConstantEvaluator& evaluate, int depth,
            std::unordered_map<Value*, Value*>& folded) {
  if (value == nullptr || value->is_constant()) return value;
  if (auto it = folded.find(value); it != folded.end()) return it->second;
  Node* producer = value->producer();
  if (producer == nullptr || depth > kMaxDepth || producer->op() == OpKind::unmapped) return nullptr;
  if (byte_size(value->type()) > kMaxOnDemandFoldBytes) return nullptr;
  // Evaluate a copy of the producer over constant operands; the original
  // node keeps its operands.
  std::vector<Value*> operands;
  for (Value* input : producer->inputs()) {
    if (input == nullptr) {
      operands.push_back(nullptr);
      continue;
    }
    Value* constant = fold(graph, input, evaluate, depth + 1, folded);
    if (constant == nullptr) return nullptr;
    operands.push_back(constant);
  }
  Graph scratch;
  std::vector<Value*> scratch_operands;
  for (Value* operand : operands) {
    scratch_operands.push_back(operand == nullptr ? nullptr
                                                  : scratch.add_constant(operand->name(), operand->type(), operand->constant()));
  }
  std::vector<std::string> names;
  std::vector<TensorType> types;
  for (const Value* output : producer->outputs()) {
    names.push_back(output->name());
    types.push_back(output->type());
  }
  const Node* copy = scratch.add_node({producer->op(), scratch_operands, producer->attrs(), producer->name(),
                                       producer->source_op()},
                                      names, types);
  Result<std::vector<ConstantData>> data = evaluate(*copy);
  if (!data.ok()) return nullptr;
  Value* result = nullptr;
  for (size_t i = 0; i < producer->outputs().size(); ++i) {
    Value* output = producer->output(i);
    Value* constant = graph.add_constant(output->name() + "_folded", output->type(), (*data)[i]);
    folded[output] = constant;
    if (output == value) result = constant;
  }
  return result;
}

}  // namespace

Value* fold_to_constant(Graph& graph, Value* value, const ConstantEvaluator& evaluate) {
  std::unordered_map<Value*, Value*> folded;
  return fold(graph, value, evaluate, 0, folded);
}

}  // namespace ingot
