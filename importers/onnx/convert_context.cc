#include "importers/onnx/convert_context.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "ingot/half.h"
#include "ir/fold_value.h"
#include "ir/ops/shape_util.h"
#include "ir/verifier.h"

namespace ingot::onnx_import {
namespace {

// Ops whose output shape ONNX knows from run-time data that ingot does not
// see at compile time: their declared type comes from ONNX's inference.
bool takes_declared_types(OpKind op) {
  return op == OpKind::unmapped;
}

template <typename T>
std::vector<double> to_doubles(const std::vector<uint8_t>& bytes) {
  std::vector<double> out(bytes.size() / sizeof(T));
  for (size_t i = 0; i < out.size(); ++i) {
    T value;
    std::memcpy(&value, bytes.data() + i * sizeof(T), sizeof(T));
    out[i] = static_cast<double>(value);
  }
  return out;
}

std::vector<uint8_t> scalar_bytes(DType dtype, double value) {
  std::vector<uint8_t> bytes(dtype_size(dtype));
  auto store = [&](auto typed) { std::memcpy(bytes.data(), &typed, sizeof(typed)); };
  switch (dtype) {
    case DType::f32: store(static_cast<float>(value)); break;
    case DType::f64: store(value); break;
    case DType::i8: store(static_cast<int8_t>(value)); break;
    case DType::i16: store(static_cast<int16_t>(value)); break;
    case DType::i32: store(static_cast<int32_t>(value)); break;
    case DType::i64: store(static_cast<int64_t>(value)); break;
    case DType::u8: store(static_cast<uint8_t>(value)); break;
    case DType::u16: store(static_cast<uint16_t>(value)); break;
    case DType::u32: store(static_cast<uint32_t>(value)); break;
    case DType::u64: store(static_cast<uint64_t>(value)); break;
    case DType::boolean: store(static_cast<uint8_t>(value != 0)); break;
    case DType::f16: store(float_to_half(static_cast<float>(value))); break;
    case DType::bf16: store(float_to_bfloat16(static_cast<float>(value))); break;
  }
  return bytes;
}

}  // namespace

Value* ConvertContext::input(size_t i) const {
  if (i >= num_inputs()) return nullptr;
  const std::string& name = node_.input(static_cast<int>(i));
  if (name.empty()) return nullptr;
  auto it = model_.values.find(name);
  return it == model_.values.end() ? nullptr : it->second;
}

Result<Value*> ConvertContext::required_input(size_t i) const {
  Value* value = input(i);
  if (value == nullptr) return Status::invalid(fmt::format("input {} is required", i));
  return value;
}

const onnx::AttributeProto* ConvertContext::find_attr(const std::string& name) const {
  for (const auto& attr : node_.attribute()) {
    if (attr.name() == name) return &attr;
  }
  return nullptr;
}

int64_t ConvertContext::attr_int(const std::string& name, int64_t fallback) const {
  const auto* attr = find_attr(name);
  return attr ? attr->i() : fallback;
}

double ConvertContext::attr_float(const std::string& name, double fallback) const {
  const auto* attr = find_attr(name);
  return attr ? attr->f() : fallback;
}

std::string ConvertContext::attr_string(const std::string& name, const std::string& fallback) const {
  const auto* attr = find_attr(name);
  return attr ? attr->s() : fallback;
}

std::vector<int64_t> ConvertContext::attr_ints(const std::string& name, std::vector<int64_t> fallback) const {
  const auto* attr = find_attr(name);
  return attr ? std::vector<int64_t>(attr->ints().begin(), attr->ints().end()) : fallback;
}

std::vector<double> ConvertContext::attr_floats(const std::string& name, std::vector<double> fallback) const {
  const auto* attr = find_attr(name);
  return attr ? std::vector<double>(attr->floats().begin(), attr->floats().end()) : fallback;
}

Value* ConvertContext::folded_input(size_t i) const {
  Value* value = input(i);
  if (value == nullptr || value->is_constant() || !model_.evaluate) return value;
  Value* constant = fold_to_constant(*model_.graph, value, model_.evaluate);
  if (constant == nullptr) return value;
  // Later readers of the same ONNX value get the constant directly.
  model_.values[node_.input(static_cast<int>(i))] = constant;
  return constant;
}

std::optional<std::vector<int64_t>> ConvertContext::constant_ints(size_t input_index) const {
  if (auto values = ops::constant_ints(input(input_index))) return values;
  if (input_index >= num_inputs()) return std::nullopt;
  auto it = model_.shape_data.find(node_.input(static_cast<int>(input_index)));
  if (it != model_.shape_data.end()) return it->second;
  return ops::constant_ints(folded_input(input_index));
}

std::optional<std::vector<double>> ConvertContext::constant_floats(size_t input_index) const {
  const Value* value = folded_input(input_index);
  if (value == nullptr || !value->is_constant()) return std::nullopt;
  const auto& bytes = *value->constant();
  switch (value->type().dtype) {
    case DType::f32: return to_doubles<float>(bytes);
    case DType::f64: return to_doubles<double>(bytes);
    case DType::i32: return to_doubles<int32_t>(bytes);
    case DType::i64: return to_doubles<int64_t>(bytes);
    case DType::i8: return to_doubles<int8_t>(bytes);
    case DType::u8:
    case DType::boolean: return to_doubles<uint8_t>(bytes);
    default: return std::nullopt;
  }
}

std::optional<TensorType> ConvertContext::inferred_output_type(size_t i) const {
  if (!output_used(i)) return std::nullopt;
  auto it = model_.inferred_types.find(node_.output(static_cast<int>(i)));
  if (it == model_.inferred_types.end()) return std::nullopt;
  return it->second;
}

std::string ConvertContext::value_name_hint() const {
  return node_.name().empty() ? node_.op_type() : node_.name();
}

Result<std::vector<TensorType>> ConvertContext::declared_types() const {
  std::vector<TensorType> types;
  for (size_t i = 0; i < num_outputs(); ++i) {
    if (!output_used(i)) break;
    std::optional<TensorType> type = inferred_output_type(i);
    if (!type) {
      return Status::invalid(fmt::format("the shape of output '{}' cannot be inferred",
                                         node_.output(static_cast<int>(i))));
    }
    types.push_back(*type);
  }
  return types;
}

Result<Value*> ConvertContext::emit(OpKind op, std::vector<Value*> inputs, AttrMap attrs) {
  NodeSpec spec{op, std::move(inputs), std::move(attrs), value_name_hint(), "onnx:" + node_.op_type()};
  INGOT_ASSIGN_OR_RETURN(std::vector<TensorType> types, infer_output_types(spec, {}));
  Node* node = graph().add_node(std::move(spec), {value_name_hint() + "_" + std::string(op_name(op))}, types);
  return node->output(0);
}

Status ConvertContext::emit_final(OpKind op, std::vector<Value*> inputs, AttrMap attrs) {
  NodeSpec spec{op, std::move(inputs), std::move(attrs), value_name_hint(), "onnx:" + node_.op_type()};
  // ONNX's inferred types, where it has them; data-dependent rules need them.
  std::vector<TensorType> declared;
  for (size_t i = 0; i < num_outputs() && output_used(i); ++i) {
    std::optional<TensorType> type = inferred_output_type(i);
    if (!type) break;
    declared.push_back(*type);
  }
  if (takes_declared_types(op)) {
    INGOT_ASSIGN_OR_RETURN(declared, declared_types());
  }
  INGOT_ASSIGN_OR_RETURN(std::vector<TensorType> types, infer_output_types(spec, declared));
  for (size_t i = 0; i < declared.size() && i < types.size(); ++i) {
    if (declared[i].dtype != types[i].dtype || declared[i].shape != types[i].shape) {
      return Status::invalid(fmt::format("ingot infers {} for output '{}' but ONNX infers {}", type_to_string(types[i]),
                                         node_.output(static_cast<int>(i)), type_to_string(declared[i])));
    }
  }
  std::vector<std::string> names;
  for (size_t i = 0; i < types.size(); ++i) {
    names.push_back(output_used(i) ? node_.output(static_cast<int>(i)) : value_name_hint() + "_unused");
  }
  Node* node = graph().add_node(std::move(spec), names, types);
  for (size_t i = 0; i < types.size(); ++i) {
    if (output_used(i)) model_.values[node_.output(static_cast<int>(i))] = node->output(i);
  }
  return {};
}

Status ConvertContext::bind_output(size_t i, Value* value) {
  if (!output_used(i)) return {};
  model_.values[node_.output(static_cast<int>(i))] = value;
  return {};
}

Value* ConvertContext::constant_i64(const std::vector<int64_t>& values, Shape shape) {
  auto bytes = std::make_shared<std::vector<uint8_t>>(values.size() * sizeof(int64_t));
  std::memcpy(bytes->data(), values.data(), bytes->size());
  return graph().add_constant(value_name_hint() + "_const", {DType::i64, std::move(shape)}, std::move(bytes));
}

Value* ConvertContext::constant_f32(const std::vector<float>& values, Shape shape) {
  auto bytes = std::make_shared<std::vector<uint8_t>>(values.size() * sizeof(float));
  std::memcpy(bytes->data(), values.data(), bytes->size());
  return graph().add_constant(value_name_hint() + "_const", {DType::f32, std::move(shape)}, std::move(bytes));
}

Value* ConvertContext::constant_scalar(DType dtype, double value, Shape shape) {
  int64_t count = num_elements(shape);
  std::vector<uint8_t> one = scalar_bytes(dtype, value);
  auto bytes = std::make_shared<std::vector<uint8_t>>();
  for (int64_t i = 0; i < count; ++i) bytes->insert(bytes->end(), one.begin(), one.end());
  return graph().add_constant(value_name_hint() + "_const", {dtype, std::move(shape)}, std::move(bytes));
}

Result<std::vector<int64_t>> spatial_ints(const ConvertContext& ctx, const std::string& name, size_t count,
                                          int64_t fallback, int64_t min) {
  std::vector<int64_t> values = ctx.attr_ints(name);
  if (values.empty()) return std::vector<int64_t>(count, fallback);
  if (values.size() != count) {
    return Status::invalid(fmt::format("{} must have {} entries, not {}", name, count, values.size()));
  }
  for (int64_t value : values) {
    if (value < min || value > kMaxElements) {
      return Status::invalid(fmt::format("{} holds {}, outside [{}, 2^40]", name, value, min));
    }
  }
  return values;
}

}  // namespace ingot::onnx_import
