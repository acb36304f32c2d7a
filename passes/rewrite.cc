#include "passes/rewrite.h"

#include <cstring>
#include <unordered_set>

#include "ingot/half.h"
#include "ir/verifier.h"

namespace ingot {
namespace {

// Converts between doubles and the element bytes of each numeric dtype.
template <typename T>
void store(std::vector<uint8_t>& bytes, size_t i, T value) {
  std::memcpy(bytes.data() + i * sizeof(T), &value, sizeof(T));
}

template <typename T>
T load(const uint8_t* bytes, size_t i) {
  T value;
  std::memcpy(&value, bytes + i * sizeof(T), sizeof(T));
  return value;
}

void store_element(std::vector<uint8_t>& bytes, DType dtype, size_t i, double value) {
  switch (dtype) {
    case DType::f32: return store(bytes, i, static_cast<float>(value));
    case DType::f64: return store(bytes, i, value);
    case DType::f16: return store(bytes, i, float_to_half(static_cast<float>(value)));
    case DType::bf16: return store(bytes, i, float_to_bfloat16(static_cast<float>(value)));
    case DType::i8: return store(bytes, i, static_cast<int8_t>(value));
    case DType::i16: return store(bytes, i, static_cast<int16_t>(value));
    case DType::i32: return store(bytes, i, static_cast<int32_t>(value));
    case DType::i64: return store(bytes, i, static_cast<int64_t>(value));
    case DType::u8: return store(bytes, i, static_cast<uint8_t>(value));
    case DType::u16: return store(bytes, i, static_cast<uint16_t>(value));
    case DType::u32: return store(bytes, i, static_cast<uint32_t>(value));
    case DType::u64: return store(bytes, i, static_cast<uint64_t>(value));
    case DType::boolean: return store(bytes, i, static_cast<uint8_t>(value != 0));
  }
}

double load_element(const uint8_t* bytes, DType dtype, size_t i) {
  switch (dtype) {
    case DType::f32: return load<float>(bytes, i);
    case DType::f64: return load<double>(bytes, i);
    case DType::f16: return half_to_float(load<uint16_t>(bytes, i));
    case DType::bf16: return bfloat16_to_float(load<uint16_t>(bytes, i));
    case DType::i8: return load<int8_t>(bytes, i);
    case DType::i16: return load<int16_t>(bytes, i);
    case DType::i32: return load<int32_t>(bytes, i);
    case DType::i64: return static_cast<double>(load<int64_t>(bytes, i));
    case DType::u8: return load<uint8_t>(bytes, i);
    case DType::u16: return load<uint16_t>(bytes, i);
    case DType::u32: return load<uint32_t>(bytes, i);
    case DType::u64: return static_cast<double>(load<uint64_t>(bytes, i));
    case DType::boolean: return load<uint8_t>(bytes, i) != 0;
  }
  return 0;
}

}  // namespace

Result<Value*> emit_before(Graph& graph, const Node& anchor, OpKind op, std::vector<Value*> inputs, AttrMap attrs) {
  NodeSpec spec{op, std::move(inputs), std::move(attrs), anchor.name(), anchor.source_op()};
  INGOT_ASSIGN_OR_RETURN(std::vector<TensorType> types, infer_output_types(spec, {}));
  const std::string base = anchor.outputs().empty() ? anchor.name() : anchor.output(0)->name();
  Node* node = graph.insert_node(&anchor, std::move(spec), {base + "_" + std::string(op_name(op))}, std::move(types));
  return node->output(0);
}

Value* add_constant_values(Graph& graph, std::string_view name, DType dtype, Shape shape,
                           const std::vector<double>& values) {
  auto bytes = std::make_shared<std::vector<uint8_t>>(values.size() * dtype_size(dtype));
  for (size_t i = 0; i < values.size(); ++i) store_element(*bytes, dtype, i, values[i]);
  return graph.add_constant(std::string(name), TensorType{dtype, std::move(shape)}, std::move(bytes));
}

std::optional<std::vector<double>> constant_values(const Value* value) {
  if (value == nullptr || !value->is_constant()) return std::nullopt;
  const DType dtype = value->type().dtype;
  const size_t count = static_cast<size_t>(num_elements(value->type().shape));
  std::vector<double> values(count);
  for (size_t i = 0; i < count; ++i) values[i] = load_element(value->constant()->data(), dtype, i);
  return values;
}

std::optional<double> splat_value(const Value* value) {
  std::optional<std::vector<double>> values = constant_values(value);
  if (!values || values->empty()) return std::nullopt;
  for (double v : *values) {
    if (v != values->front()) return std::nullopt;
  }
  return values->front();
}

std::unordered_map<const Value*, int> count_uses(const Graph& graph) {
  std::unordered_map<const Value*, int> uses;
  for (const Node* node : graph.nodes()) {
    for (const Value* input : node->inputs()) {
      if (input != nullptr) ++uses[input];
    }
  }
  for (const Value* output : graph.outputs()) ++uses[output];
  return uses;
}

int64_t erase_dead_nodes(Graph& graph) {
  // Walk backwards from the outputs: a node is live when one of its outputs
  // is a graph output or an operand of a live node.
  std::unordered_set<const Value*> needed(graph.outputs().begin(), graph.outputs().end());
  std::vector<Node*> dead;
  std::vector<Node*> nodes = graph.nodes();
  for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
    Node* node = *it;
    bool live = false;
    for (const Value* output : node->outputs()) live = live || needed.contains(output);
    if (!live) {
      dead.push_back(node);
      continue;
    }
    for (const Value* input : node->inputs()) {
      if (input != nullptr) needed.insert(input);
    }
  }
  graph.erase_nodes(dead);
  graph.erase_unused_constants();
  return static_cast<int64_t>(dead.size());
}

bool forward_output(Graph& graph, Node& node, Value* replacement) {
  Value* output = node.output(0);
  if (output->type() != replacement->type() || !graph.can_replace(output, replacement)) return false;
  graph.replace_all_uses(output, replacement);
  return true;
}

}  // namespace ingot
