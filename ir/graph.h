// The IR: a Graph owns Values (tensors) and Nodes (core ops). Nodes are kept
// in execution order, which is always a topological order; the verifier
// checks it. Every stage of the compiler hands the next one a Graph.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ir/attribute.h"
#include "ir/op_kind.h"
#include "ir/tensor_type.h"

namespace ingot {

class Node;

// Raw little-endian element data of a constant, shared so that passes can copy
// graphs without copying weights.
using ConstantData = std::shared_ptr<const std::vector<uint8_t>>;

class Value {
 public:
  Value(std::string name, TensorType type) : name_(std::move(name)), type_(std::move(type)) {}

  const std::string& name() const { return name_; }
  const TensorType& type() const { return type_; }
  void set_type(TensorType type) { type_ = std::move(type); }

  // The node that computes this value; null for graph inputs and constants.
  Node* producer() const { return producer_; }
  bool is_constant() const { return constant_ != nullptr; }
  const ConstantData& constant() const { return constant_; }
  template <typename T>
  std::span<const T> constant_as() const {
    return {reinterpret_cast<const T*>(constant_->data()), constant_->size() / sizeof(T)};
  }

 private:
  friend class Graph;
  std::string name_;
  TensorType type_;
  Node* producer_ = nullptr;
  ConstantData constant_;
};

class Node {
 public:
  OpKind op() const { return op_; }
  // The node's name in the source model, and the source op(s) it came from
  // ("onnx:Conv"), kept for reports.
  const std::string& name() const { return name_; }
  const std::string& source_op() const { return source_op_; }

  // Absent optional operands are null.
  const std::vector<Value*>& inputs() const { return inputs_; }
  const std::vector<Value*>& outputs() const { return outputs_; }
  Value* input(size_t i) const { return i < inputs_.size() ? inputs_[i] : nullptr; }
  Value* output(size_t i) const { return outputs_[i]; }
  void set_input(size_t i, Value* value) { inputs_.at(i) = value; }
  void set_inputs(std::vector<Value*> inputs) { inputs_ = std::move(inputs); }
  void set_name(std::string name) { name_ = std::move(name); }
  void set_source_op(std::string source_op) { source_op_ = std::move(source_op); }

  const AttrMap& attrs() const { return attrs_; }
  AttrMap& mutable_attrs() { return attrs_; }
  bool has_attr(std::string_view name) const { return attrs_.find(name) != attrs_.end(); }
  // Typed getters; `fallback` when absent. The verifier guarantees the type.
  int64_t attr_i(std::string_view name, int64_t fallback = 0) const;
  double attr_f(std::string_view name, double fallback = 0) const;
  std::string attr_s(std::string_view name, std::string fallback = "") const;
  std::vector<int64_t> attr_ints(std::string_view name, std::vector<int64_t> fallback = {}) const;
  std::vector<double> attr_floats(std::string_view name, std::vector<double> fallback = {}) const;

 private:
  friend class Graph;
  OpKind op_ = OpKind::unmapped;
  std::string name_;
  std::string source_op_;
  std::vector<Value*> inputs_;
  std::vector<Value*> outputs_;
  AttrMap attrs_;
};

struct NodeSpec {
  OpKind op;
  std::vector<Value*> inputs;
  AttrMap attrs;
  std::string name;
  std::string source_op;
};

class Graph {
 public:
  Graph() = default;
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;
  Graph(Graph&&) = default;
  Graph& operator=(Graph&&) = default;

  std::string name = "main";

  Value* add_input(std::string name, TensorType type);
  Value* add_constant(std::string name, TensorType type, ConstantData data);
  // Appends a node; its outputs get the given names (made unique) and types.
  Node* add_node(NodeSpec spec, std::vector<std::string> output_names, std::vector<TensorType> output_types);
  void add_output(Value* value) { outputs_.push_back(value); }
  void set_outputs(std::vector<Value*> outputs) { outputs_ = std::move(outputs); }

  const std::vector<Value*>& inputs() const { return inputs_; }
  const std::vector<Value*>& outputs() const { return outputs_; }
  // Constants in creation order.
  const std::vector<Value*>& constants() const { return constants_; }
  std::vector<Node*> nodes() const;
  size_t num_nodes() const { return nodes_.size(); }

  // --- Rewriting (passes). Nodes stay in execution order. ---
  // Inserts a node just before `before`, or at the end when `before` is null.
  Node* insert_node(const Node* before, NodeSpec spec, std::vector<std::string> output_names,
                    std::vector<TensorType> output_types);
  // Makes every use of `from` (node operands and graph outputs) use `to`.
  // A graph output keeps its name: `to` takes it over, so callers check
  // can_replace() first.
  void replace_all_uses(Value* from, Value* to);
  // False when `from` is a graph output and `to` is a graph input, another
  // output or a constant: an output's name is part of the program's
  // interface, and a program's outputs are computed into the arena (keep a
  // copy node instead).
  bool can_replace(const Value* from, const Value* to) const;
  bool is_output(const Value* value) const;
  bool is_input(const Value* value) const;
  // Removes nodes and their outputs (which nobody may still use).
  void erase_nodes(const std::vector<Node*>& nodes);
  // Removes constants that no node and no graph output uses.
  void erase_unused_constants();

  Value* find_value(std::string_view name) const;
  // Gives `value` a new name (made unique); returns it.
  const std::string& rename(Value* value, std::string_view name);
  // `base` if unused, else `base_1`, `base_2`, ...
  std::string unique_name(std::string_view base) const;

 private:
  Value* own_value(std::string name, TensorType type);

  std::vector<std::unique_ptr<Value>> values_;
  std::vector<std::unique_ptr<Node>> nodes_;
  std::vector<Value*> inputs_;
  std::vector<Value*> outputs_;
  std::vector<Value*> constants_;
  std::unordered_map<std::string, Value*> by_name_;
  // Next suffix to try per base name, so that naming n alike values is
  // linear, not quadratic.
  mutable std::unordered_map<std::string, int> next_suffix_;
};

}  // namespace ingot
