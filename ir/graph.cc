#include "ir/graph.h"

#include <algorithm>

#include <fmt/format.h>

namespace ingot {
namespace {

template <typename T>
T get_or(const AttrMap& attrs, std::string_view name, T fallback) {
  auto it = attrs.find(name);
  if (it == attrs.end()) return fallback;
  const T* value = std::get_if<T>(&it->second);
  return value ? *value : fallback;
}

}  // namespace

int64_t Node::attr_i(std::string_view name, int64_t fallback) const { return get_or(attrs_, name, fallback); }
double Node::attr_f(std::string_view name, double fallback) const { return get_or(attrs_, name, fallback); }
std::string Node::attr_s(std::string_view name, std::string fallback) const {
  return get_or(attrs_, name, std::move(fallback));
}
std::vector<int64_t> Node::attr_ints(std::string_view name, std::vector<int64_t> fallback) const {
  return get_or(attrs_, name, std::move(fallback));
}
std::vector<double> Node::attr_floats(std::string_view name, std::vector<double> fallback) const {
  return get_or(attrs_, name, std::move(fallback));
}

Value* Graph::own_value(std::string name, TensorType type) {
  name = unique_name(name);
  values_.push_back(std::make_unique<Value>(name, std::move(type)));
  Value* value = values_.back().get();
  by_name_.emplace(std::move(name), value);
  return value;
}

Value* Graph::add_input(std::string name, TensorType type) {
  Value* value = own_value(std::move(name), std::move(type));
  inputs_.push_back(value);
  return value;
}

Value* Graph::add_constant(std::string name, TensorType type, ConstantData data) {
  Value* value = own_value(std::move(name), std::move(type));
  value->constant_ = std::move(data);
  constants_.push_back(value);
  return value;
}

Node* Graph::add_node(NodeSpec spec, std::vector<std::string> output_names, std::vector<TensorType> output_types) {
  auto node = std::make_unique<Node>();
  node->op_ = spec.op;
  node->inputs_ = std::move(spec.inputs);
  node->attrs_ = std::move(spec.attrs);
  node->name_ = std::move(spec.name);
  node->source_op_ = std::move(spec.source_op);
  for (size_t i = 0; i < output_types.size(); ++i) {
    std::string name = i < output_names.size() && !output_names[i].empty() ? output_names[i] : node->name_ + "_out";
    Value* value = own_value(std::move(name), std::move(output_types[i]));
    value->producer_ = node.get();
    node->outputs_.push_back(value);
  }
  nodes_.push_back(std::move(node));
  return nodes_.back().get();
}

Node* Graph::insert_node(const Node* before, NodeSpec spec, std::vector<std::string> output_names,
                         std::vector<TensorType> output_types) {
  Node* node = add_node(std::move(spec), std::move(output_names), std::move(output_types));
  if (before == nullptr) return node;
  auto at = std::find_if(nodes_.begin(), nodes_.end(), [&](const auto& n) { return n.get() == before; });
  std::rotate(at, nodes_.end() - 1, nodes_.end());
  return node;
}

bool Graph::is_output(const Value* value) const {
  return std::find(outputs_.begin(), outputs_.end(), value) != outputs_.end();
}

bool Graph::is_input(const Value* value) const {
  return std::find(inputs_.begin(), inputs_.end(), value) != inputs_.end();
}

bool Graph::can_replace(const Value* from, const Value* to) const {
  return !is_output(from) || (!is_input(to) && !is_output(to) && !to->is_constant());
}

void Graph::replace_all_uses(Value* from, Value* to) {
  for (const auto& node : nodes_) {
    for (Value*& input : node->inputs_) {
      if (input == from) input = to;
    }
  }
  if (!is_output(from)) return;
  for (Value*& output : outputs_) {
    if (output == from) output = to;
  }
  // The output's name is part of the program's interface: `to` takes it.
  const std::string name = from->name_;
  rename(from, name + "_replaced");
  by_name_.erase(to->name_);
  to->name_ = name;
  by_name_.emplace(name, to);
}

void Graph::erase_nodes(const std::vector<Node*>& nodes) {
  std::unordered_set<const Node*> dead(nodes.begin(), nodes.end());
  std::unordered_set<const Value*> dead_values;
  for (const Node* node : nodes) {
    for (const Value* output : node->outputs_) {
      dead_values.insert(output);
      by_name_.erase(output->name_);
    }
  }
  std::erase_if(nodes_, [&](const auto& node) { return dead.contains(node.get()); });
  std::erase_if(values_, [&](const auto& value) { return dead_values.contains(value.get()); });
}

void Graph::erase_unused_constants() {
  std::unordered_set<const Value*> used(outputs_.begin(), outputs_.end());
  for (const auto& node : nodes_) used.insert(node->inputs_.begin(), node->inputs_.end());
  std::unordered_set<const Value*> dead;
  for (const Value* constant : constants_) {
    if (!used.contains(constant)) dead.insert(constant);
  }
  if (dead.empty()) return;
  for (const Value* value : dead) by_name_.erase(value->name_);
  std::erase_if(constants_, [&](const Value* value) { return dead.contains(value); });
  std::erase_if(values_, [&](const auto& value) { return dead.contains(value.get()); });
}

std::vector<Node*> Graph::nodes() const {
  std::vector<Node*> nodes;
  nodes.reserve(nodes_.size());
  for (const auto& node : nodes_) nodes.push_back(node.get());
  return nodes;
}

Value* Graph::find_value(std::string_view name) const {
  auto it = by_name_.find(std::string(name));
  return it == by_name_.end() ? nullptr : it->second;
}

const std::string& Graph::rename(Value* value, std::string_view name) {
  by_name_.erase(value->name_);
  value->name_ = unique_name(name);
  by_name_.emplace(value->name_, value);
  return value->name_;
}

std::string Graph::unique_name(std::string_view base) const {
  std::string name(base.empty() ? "v" : base);
  if (!by_name_.contains(name)) return name;
  for (int& suffix = next_suffix_[name];;) {
    std::string candidate = fmt::format("{}_{}", name, ++suffix);
    if (!by_name_.contains(candidate)) return candidate;
  }
}

}  // namespace ingot
