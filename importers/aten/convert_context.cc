#include "importers/aten/convert_context.h"

#include <cstring>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ingot/half.h"
#include "ir/verifier.h"

namespace ingot::aten {
namespace {

using AK = Argument::Kind;

void store(DType dtype, double value, uint8_t* out) {
  auto put = [&](auto typed) { std::memcpy(out, &typed, sizeof(typed)); };
  switch (dtype) {
    case DType::f32: put(static_cast<float>(value)); break;
    case DType::f64: put(value); break;
    case DType::i8: put(static_cast<int8_t>(value)); break;
    case DType::i16: put(static_cast<int16_t>(value)); break;
    case DType::i32: put(static_cast<int32_t>(value)); break;
    case DType::i64: put(static_cast<int64_t>(value)); break;
    case DType::u8: put(static_cast<uint8_t>(value)); break;
    case DType::u16: put(static_cast<uint16_t>(value)); break;
    case DType::u32: put(static_cast<uint32_t>(value)); break;
    case DType::u64: put(static_cast<uint64_t>(value)); break;
    case DType::boolean: put(static_cast<uint8_t>(value != 0)); break;
    case DType::f16: put(float_to_half(static_cast<float>(value))); break;
    case DType::bf16: put(float_to_bfloat16(static_cast<float>(value))); break;
  }
}

std::string_view kind_name(AK kind) {
  switch (kind) {
    case AK::none: return "None";
    case AK::tensor: return "a tensor";
    case AK::tensors: return "a tensor list";
    case AK::optional_tensors: return "an optional tensor list";
    case AK::integer: return "an int";
    case AK::integers: return "an int list";
    case AK::real: return "a float";
    case AK::reals: return "a float list";
    case AK::string: return "a string";
    case AK::strings: return "a string list";
    case AK::boolean: return "a bool";
    case AK::booleans: return "a bool list";
    case AK::sym_int: return "a SymInt";
    case AK::sym_ints: return "a SymInt list";
    case AK::scalar_type: return "a dtype";
    case AK::memory_format: return "a memory format";
    case AK::layout: return "a layout";
    case AK::device: return "a device";
    case AK::other: return "an unsupported argument kind";
  }
  return "?";
}

}  // namespace

Result<int64_t> wrap_dim(int64_t dim, int64_t rank) {
  const int64_t bound = rank == 0 ? 1 : rank;  // torch lets a 0-d tensor take dim 0 / -1
  if (dim < -bound || dim >= bound) return Status::invalid(fmt::format("dim {} is out of range for rank {}", dim, rank));
  return dim < 0 ? dim + bound : dim;
}

DType promote(DType a, DType b) {
  if (a == b) return a;
  auto rank = [](DType d) {
    switch (d) {
      case DType::boolean: return 0;
      case DType::u8: return 1;
      case DType::i8: return 2;
      case DType::u16:
      case DType::i16: return 3;
      case DType::u32:
      case DType::i32: return 4;
      case DType::u64:
      case DType::i64: return 5;
      case DType::f16:
      case DType::bf16: return 6;
      case DType::f32: return 7;
      case DType::f64: return 8;
    }
    return 0;
  };
  if ((a == DType::f16 && b == DType::bf16) || (a == DType::bf16 && b == DType::f16)) return DType::f32;
  return rank(a) >= rank(b) ? a : b;
}

ConvertContext::ConvertContext(Model& model, const ProgramNode& node, std::string op)
    : model_(model), node_(node), op_(std::move(op)) {}

const Argument* ConvertContext::arg(std::string_view name) const {
  for (const NamedArgument& named : node_.inputs) {
    if (named.name == name) return named.arg.kind == AK::none ? nullptr : &named.arg;
  }
  return nullptr;
}

Result<Value*> ConvertContext::optional_tensor(std::string_view name) const {
  const Argument* a = arg(name);
  if (a == nullptr) return static_cast<Value*>(nullptr);
  if (a->kind != AK::tensor) return Status::invalid(fmt::format("argument '{}' is {}, not a tensor", name, kind_name(a->kind)));
  auto it = model_.tensors.find(a->name);
  if (it == model_.tensors.end()) return Status::invalid(fmt::format("argument '{}' reads '{}', which is not defined", name, a->name));
  return it->second;
}

Result<Value*> ConvertContext::tensor(std::string_view name) const {
  INGOT_ASSIGN_OR_RETURN(Value* value, optional_tensor(name));
  if (value == nullptr) return Status::invalid(fmt::format("the tensor argument '{}' is missing", name));
  return value;
}

Result<std::vector<Value*>> ConvertContext::tensor_list(std::string_view name) const {
  const Argument* a = arg(name);
  if (a == nullptr || (a->kind != AK::tensors && a->kind != AK::optional_tensors)) {
    return Status::invalid(fmt::format("argument '{}' is not a tensor list", name));
  }
  std::vector<Value*> values;
  for (const std::string& tensor_name : a->names) {
    if (tensor_name.empty()) {
      values.push_back(nullptr);
      continue;
    }
    auto it = model_.tensors.find(tensor_name);
    if (it == model_.tensors.end()) return Status::invalid(fmt::format("argument '{}' reads '{}', which is not defined", name, tensor_name));
    values.push_back(it->second);
  }
  return values;
}

Result<int64_t> ConvertContext::resolve_sym(const std::string& name) const {
  auto it = model_.sym_ints.find(name);
  if (it == model_.sym_ints.end()) return Status::invalid(fmt::format("the SymInt '{}' has no known value", name));
  return it->second;
}

Result<int64_t> ConvertContext::int_arg(std::string_view name, std::optional<int64_t> fallback) const {
  const Argument* a = arg(name);
  if (a == nullptr) {
    if (fallback) return *fallback;
    return Status::invalid(fmt::format("the int argument '{}' is missing", name));
  }
  if (a->kind == AK::integer || a->kind == AK::boolean) return a->integer;
  if (a->kind == AK::sym_int) return a->name.empty() ? Result<int64_t>(a->integer) : resolve_sym(a->name);
  return Status::invalid(fmt::format("argument '{}' is {}, not an int", name, kind_name(a->kind)));
}

Result<double> ConvertContext::float_arg(std::string_view name, std::optional<double> fallback) const {
  const Argument* a = arg(name);
  if (a == nullptr) {
    if (fallback) return *fallback;
    return Status::invalid(fmt::format("the float argument '{}' is missing", name));
  }
  if (a->kind == AK::real) return a->real;
  if (a->kind == AK::integer || a->kind == AK::boolean) return static_cast<double>(a->integer);
  if (a->kind == AK::sym_int && !a->name.empty()) {
    INGOT_ASSIGN_OR_RETURN(int64_t value, resolve_sym(a->name));
    return static_cast<double>(value);
  }
  return Status::invalid(fmt::format("argument '{}' is {}, not a float", name, kind_name(a->kind)));
}

Result<bool> ConvertContext::bool_arg(std::string_view name, std::optional<bool> fallback) const {
  const Argument* a = arg(name);
  if (a == nullptr) {
    if (fallback) return *fallback;
    return Status::invalid(fmt::format("the bool argument '{}' is missing", name));
  }
  if (a->kind == AK::boolean || a->kind == AK::integer) return a->integer != 0;
  return Status::invalid(fmt::format("argument '{}' is {}, not a bool", name, kind_name(a->kind)));
}

Result<std::string> ConvertContext::string_arg(std::string_view name, std::optional<std::string> fallback) const {
  const Argument* a = arg(name);
  if (a == nullptr) {
    if (fallback) return *fallback;
    return Status::invalid(fmt::format("the string argument '{}' is missing", name));
  }
  if (a->kind == AK::string) return a->text;
  return Status::invalid(fmt::format("argument '{}' is {}, not a string", name, kind_name(a->kind)));
}

Result<std::vector<int64_t>> ConvertContext::ints_arg(std::string_view name, std::optional<std::vector<int64_t>> fallback) const {
  const Argument* a = arg(name);
  if (a == nullptr) {
    if (fallback) return *fallback;
    return Status::invalid(fmt::format("the int list argument '{}' is missing", name));
  }
  switch (a->kind) {
    case AK::integers:
    case AK::booleans: return a->integers;
    case AK::integer: return std::vector<int64_t>{a->integer};
    case AK::sym_int: {
      INGOT_ASSIGN_OR_RETURN(int64_t value, int_arg(name));
      return std::vector<int64_t>{value};
    }
    case AK::sym_ints: {
      std::vector<int64_t> values = a->integers;
      for (size_t i = 0; i < a->names.size(); ++i) {
        if (a->names[i].empty()) continue;
        INGOT_ASSIGN_OR_RETURN(values[i], resolve_sym(a->names[i]));
      }
      return values;
    }
    default: return Status::invalid(fmt::format("argument '{}' is {}, not an int list", name, kind_name(a->kind)));
  }
}

Result<std::optional<double>> ConvertContext::scalar_arg(std::string_view name) const {
  const Argument* a = arg(name);
  if (a == nullptr) return Status::invalid(fmt::format("the scalar argument '{}' is missing", name));
  if (a->kind == AK::tensor) return std::optional<double>();
  INGOT_ASSIGN_OR_RETURN(double value, float_arg(name));
  return std::optional<double>(value);
}

Result<std::optional<DType>> ConvertContext::dtype_arg(std::string_view name) const {
  const Argument* a = arg(name);
  if (a == nullptr) return std::optional<DType>();
  if (a->kind != AK::scalar_type && a->kind != AK::integer) {
    return Status::invalid(fmt::format("argument '{}' is {}, not a dtype", name, kind_name(a->kind)));
  }
  std::optional<DType> dtype = dtype_from_scalar_type(a->integer);
  if (!dtype) return Status::invalid(fmt::format("dtype {} is not supported", scalar_type_name(a->integer)));
  return dtype;
}

size_t ConvertContext::num_outputs() const {
  if (node_.outputs.size() == 1 && node_.outputs[0].kind == AK::tensors) return node_.outputs[0].names.size();
  return node_.outputs.size();
}

const Argument* ConvertContext::output(size_t i) const {
  if (i >= node_.outputs.size()) return nullptr;
  return &node_.outputs[i];
}

namespace {
// The tensor name of output i ("" for None / non-tensor outputs).
std::string output_name(const ProgramNode& node, size_t i) {
  if (node.outputs.size() == 1 && node.outputs[0].kind == AK::tensors) {
    return i < node.outputs[0].names.size() ? node.outputs[0].names[i] : "";
  }
  if (i >= node.outputs.size()) return "";
  const Argument& out = node.outputs[i];
  return out.kind == AK::tensor || out.kind == AK::sym_int ? out.name : "";
}
}  // namespace

bool ConvertContext::output_used(size_t i) const {
  std::string name = output_name(node_, i);
  return !name.empty() && model_.used.contains(name);
}

Result<TensorType> ConvertContext::output_type(size_t i) const {
  std::string name = output_name(node_, i);
  auto it = model_.program->tensor_values.find(name);
  if (name.empty() || it == model_.program->tensor_values.end()) {
    return Status::invalid(fmt::format("output {} has no tensor metadata", i));
  }
  const TensorMeta& meta = it->second;
  if (!meta.dtype) return Status::invalid(fmt::format("output '{}' has dtype {}, which is not supported", name, scalar_type_name(meta.scalar_type)));
  TensorType type{*meta.dtype, {}, std::nullopt};
  for (const SymDim& dim : meta.sizes) {
    if (dim.kind == SymDim::Kind::value) {
      type.shape.push_back(dim.value);
    } else if (dim.kind == SymDim::Kind::symbol) {
      INGOT_ASSIGN_OR_RETURN(int64_t value, resolve_sym(dim.symbol));
      type.shape.push_back(value);
    } else {
      return Status::invalid(fmt::format("output '{}' has the size expression '{}', which ingot does not evaluate", name, dim.symbol));
    }
  }
  return type;
}

Result<DType> ConvertContext::output_dtype(size_t i) const {
  std::string name = output_name(node_, i);
  auto it = model_.program->tensor_values.find(name);
  if (name.empty() || it == model_.program->tensor_values.end()) {
    return Status::invalid(fmt::format("output {} has no tensor metadata", i));
  }
  if (!it->second.dtype) {
    return Status::invalid(fmt::format("output '{}' has dtype {}, which is not supported", name, scalar_type_name(it->second.scalar_type)));
  }
  return *it->second.dtype;
}

Status ConvertContext::check_against_meta(size_t i, const TensorType& type) const {
  std::string name = output_name(node_, i);
  auto it = model_.program->tensor_values.find(name);
  if (name.empty() || it == model_.program->tensor_values.end()) return {};
  const TensorMeta& meta = it->second;
  bool same = meta.dtype == type.dtype && static_cast<int64_t>(meta.sizes.size()) == type.rank();
  for (size_t d = 0; same && d < meta.sizes.size(); ++d) {
    const SymDim& dim = meta.sizes[d];
    if (dim.kind == SymDim::Kind::value) same = dim.value == type.shape[d];
    if (dim.kind == SymDim::Kind::symbol) {
      auto bound = model_.sym_ints.find(dim.symbol);
      same = bound == model_.sym_ints.end() || bound->second == type.shape[d];
    }
  }
  if (same) return {};
  std::vector<std::string> dims;
  for (const SymDim& dim : meta.sizes) dims.push_back(dim.kind == SymDim::Kind::value ? std::to_string(dim.value) : dim.symbol);
  return Status::invalid(fmt::format("ingot computes {} for output '{}' but torch recorded {}[{}]", type_to_string(type), name,
                                     scalar_type_name(meta.scalar_type), fmt::join(dims, ",")));
}

std::string ConvertContext::value_name_hint() const {
  std::string name = output_name(node_, 0);
  return name.empty() ? op_ : name;
}

Result<Value*> ConvertContext::emit(OpKind op, std::vector<Value*> inputs, AttrMap attrs) {
  NodeSpec spec{op, std::move(inputs), std::move(attrs), value_name_hint(), op_};
  INGOT_ASSIGN_OR_RETURN(std::vector<TensorType> types, infer_output_types(spec, {}));
  Node* node = graph().add_node(std::move(spec), {value_name_hint() + "_" + std::string(op_name(op))}, types);
  return node->output(0);
}

Result<std::vector<Value*>> ConvertContext::emit_multi(OpKind op, std::vector<Value*> inputs, AttrMap attrs) {
  NodeSpec spec{op, std::move(inputs), std::move(attrs), value_name_hint(), op_};
  INGOT_ASSIGN_OR_RETURN(std::vector<TensorType> types, infer_output_types(spec, {}));
  std::vector<std::string> names;
  for (size_t i = 0; i < types.size(); ++i) names.push_back(value_name_hint() + "_" + std::string(op_name(op)) + std::to_string(i));
  Node* node = graph().add_node(std::move(spec), names, types);
  return node->outputs();
}

Status ConvertContext::emit_final(OpKind op, std::vector<Value*> inputs, AttrMap attrs, size_t output) {
  NodeSpec spec{op, std::move(inputs), std::move(attrs), value_name_hint(), op_};
  INGOT_ASSIGN_OR_RETURN(std::vector<TensorType> types, infer_output_types(spec, {}));
  INGOT_RETURN_IF_ERROR(check_against_meta(output, types[0]));
  std::string name = output_name(node_, output);
  Node* node = graph().add_node(std::move(spec), {name.empty() ? value_name_hint() : name}, types);
  if (!name.empty()) model_.tensors[name] = node->output(0);
  return {};
}

Status ConvertContext::emit_outputs(OpKind op, std::vector<Value*> inputs, AttrMap attrs) {
  NodeSpec spec{op, std::move(inputs), std::move(attrs), value_name_hint(), op_};
  INGOT_ASSIGN_OR_RETURN(std::vector<TensorType> types, infer_output_types(spec, {}));
  std::vector<std::string> names;
  for (size_t i = 0; i < types.size(); ++i) {
    if (i < num_outputs()) INGOT_RETURN_IF_ERROR(check_against_meta(i, types[i]));
    std::string name = i < num_outputs() ? output_name(node_, i) : "";
    names.push_back(name.empty() ? value_name_hint() + "_" + std::to_string(i) : name);
  }
  Node* node = graph().add_node(std::move(spec), names, types);
  for (size_t i = 0; i < types.size() && i < num_outputs(); ++i) {
    std::string name = output_name(node_, i);
    if (!name.empty()) model_.tensors[name] = node->output(i);
  }
  return {};
}

Status ConvertContext::bind_output(size_t i, Value* value) {
  INGOT_RETURN_IF_ERROR(check_against_meta(i, value->type()));
  std::string name = output_name(node_, i);
  if (!name.empty()) model_.tensors[name] = value;
  return {};
}

Status ConvertContext::bind_sym_int(size_t i, int64_t value) {
  if (i >= node_.outputs.size() || node_.outputs[i].kind != AK::sym_int || node_.outputs[i].name.empty()) {
    return Status::invalid(fmt::format("output {} is not a SymInt", i));
  }
  model_.sym_ints[node_.outputs[i].name] = value;
  return {};
}

Value* ConvertContext::constant(DType dtype, const std::vector<double>& values, Shape shape) {
  const size_t size = dtype_size(dtype);
  auto bytes = std::make_shared<std::vector<uint8_t>>(values.size() * size);
  for (size_t i = 0; i < values.size(); ++i) store(dtype, values[i], bytes->data() + i * size);
  return graph().add_constant(value_name_hint() + "_const", {dtype, std::move(shape), std::nullopt}, std::move(bytes));
}

Value* ConvertContext::constant_i64(const std::vector<int64_t>& values, Shape shape) {
  auto bytes = std::make_shared<std::vector<uint8_t>>(values.size() * sizeof(int64_t));
  std::memcpy(bytes->data(), values.data(), bytes->size());
  return graph().add_constant(value_name_hint() + "_const", {DType::i64, std::move(shape), std::nullopt}, std::move(bytes));
}

Result<Value*> ConvertContext::cast(Value* x, DType dtype) {
  if (x->type().dtype == dtype) return x;
  return emit(OpKind::cast, {x}, {{"to", std::string(dtype_name(dtype))}});
}

}  // namespace ingot::aten
