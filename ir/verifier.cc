#include "ir/verifier.h"

#include <unordered_set>

#include <fmt/format.h>

#include "ir/op_table.h"

namespace ingot {
namespace {

Status check_operands(const OpInfo& info, const std::vector<Value*>& inputs) {
  const auto& specs = info.operands;
  bool variadic = !specs.empty() && specs.back().variadic;
  size_t required = 0;
  for (const OperandSpec& spec : specs) required += spec.optional ? 0 : 1;
  if (inputs.size() < required || (!variadic && inputs.size() > specs.size())) {
    return Status::invalid(fmt::format("takes {}{} operands, got {}", required,
                                       variadic ? " or more" : required == specs.size() ? "" : fmt::format(" to {}", specs.size()),
                                       inputs.size()));
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    const OperandSpec& spec = specs[std::min(i, specs.size() - 1)];
    if (inputs[i] == nullptr && !spec.optional) {
      return Status::invalid(fmt::format("operand '{}' is missing", spec.name));
    }
  }
  return {};
}

Status check_attributes(const OpInfo& info, const AttrMap& attrs) {
  for (const auto& [name, value] : attrs) {
    const AttrSpec* spec = info.find_attr(name);
    if (spec == nullptr) return Status::invalid(fmt::format("has no attribute '{}'", name));
    if (attr_type(value) != spec->type) {
      return Status::invalid(fmt::format("attribute '{}' must be a {}, not a {}", name, attr_type_name(spec->type),
                                         attr_type_name(attr_type(value))));
    }
  }
  for (const AttrSpec& spec : info.attrs) {
    if (spec.required && attrs.find(spec.name) == attrs.end()) {
      return Status::invalid(fmt::format("attribute '{}' is required", spec.name));
    }
  }
  return {};
}

}  // namespace

std::string node_context(const Node& node) {
  // An unnamed node is known by its first result.
  if (node.name().empty() && !node.outputs().empty()) {
    return fmt::format("node '%{}' ({}): ", node.output(0)->name(), op_name(node.op()));
  }
  return fmt::format("node '{}' ({}): ", node.name(), op_name(node.op()));
}

Result<std::vector<TensorType>> infer_output_types(const NodeSpec& spec, const std::vector<TensorType>& declared) {
  const OpInfo& info = op_info(spec.op);
  if (info.infer == nullptr) return Status::internal(fmt::format("op '{}' has no op table entry", info.name()));
  INGOT_RETURN_IF_ERROR(check_operands(info, spec.inputs));
  INGOT_RETURN_IF_ERROR(check_attributes(info, spec.attrs));
  // The shape rule reads a Node: build a detached one that owns nothing.
  Graph scratch;
  // Only the declared outputs exist: a data-dependent rule asked for more
  // fails in declared_outputs() instead of reading made-up types.
  Node* node = scratch.add_node(spec, {}, declared);
  return info.infer(*node);
}

Status verify_node(const Node& node) {
  std::vector<TensorType> declared;
  for (const Value* output : node.outputs()) declared.push_back(output->type());
  NodeSpec spec{node.op(), node.inputs(), node.attrs(), node.name(), node.source_op()};
  Result<std::vector<TensorType>> inferred = infer_output_types(spec, declared);
  if (!inferred.ok()) return inferred.status().with_context(node_context(node));
  const int expected = op_info(node.op()).num_outputs;
  if (expected >= 0 && static_cast<int>(declared.size()) != expected) {
    return Status::invalid(fmt::format("{}has {} outputs, the op has {}", node_context(node), declared.size(), expected));
  }
  if (inferred->size() != declared.size()) {
    return Status::invalid(fmt::format("{}the shape rule gives {} outputs, the node has {}", node_context(node),
                                       inferred->size(), declared.size()));
  }
  for (size_t i = 0; i < declared.size(); ++i) {
    const TensorType& want = (*inferred)[i];
    const TensorType& have = declared[i];
    if (want.dtype != have.dtype || want.shape != have.shape) {
      return Status::invalid(fmt::format("{}output '{}' is {} but the shape rule gives {}", node_context(node),
                                         node.output(i)->name(), type_to_string(have), type_to_string(want)));
    }
  }
  return {};
}

Status verify(const Graph& graph) {
  std::unordered_set<const Value*> defined;
  std::unordered_set<std::string> names;
  auto define = [&](const Value* value) -> Status {
    if (!names.insert(value->name()).second) return Status::invalid(fmt::format("value name '{}' is defined twice", value->name()));
    INGOT_RETURN_IF_ERROR(checked_num_elements(value->type().shape).status().with_context(
        fmt::format("value '{}': ", value->name())));
    defined.insert(value);
    return {};
  };
  for (const Value* input : graph.inputs()) INGOT_RETURN_IF_ERROR(define(input));
  for (const Value* constant : graph.constants()) {
    INGOT_RETURN_IF_ERROR(define(constant));
    if (static_cast<int64_t>(constant->constant()->size()) != byte_size(constant->type())) {
      return Status::invalid(fmt::format("constant '{}' holds {} bytes, its type {} needs {}", constant->name(),
                                         constant->constant()->size(), type_to_string(constant->type()),
                                         byte_size(constant->type())));
    }
  }
  for (const Node* node : graph.nodes()) {
    for (const Value* input : node->inputs()) {
      if (input != nullptr && !defined.contains(input)) {
        return Status::invalid(fmt::format("{}operand '{}' is used before it is defined", node_context(*node), input->name()));
      }
    }
    INGOT_RETURN_IF_ERROR(verify_node(*node));
    for (const Value* output : node->outputs()) INGOT_RETURN_IF_ERROR(define(output));
  }
  for (const Value* output : graph.outputs()) {
    if (!defined.contains(output)) return Status::invalid(fmt::format("graph output '{}' is not defined", output->name()));
  }
  return {};
}

}  // namespace ingot
