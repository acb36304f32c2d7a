#include <fmt/format.h>

#include "importers/aten/program.h"

namespace ingot::aten {
namespace {

using AK = Argument::Kind;

// The symbol of a bare-symbol expression: "s0" (torch <= 2.5) or sympy's
// srepr "Symbol('s0', positive=True, integer=True)" (2.6+).
std::optional<std::string> bare_symbol(const std::string& expr) {
  auto is_name = [](std::string_view text) {
    if (text.empty() || !(std::isalpha(static_cast<unsigned char>(text[0])) || text[0] == '_')) return false;
    for (char c : text) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    }
    return true;
  };
  if (is_name(expr)) return expr;
  constexpr std::string_view kPrefix = "Symbol('";
  if (expr.starts_with(kPrefix)) {
    size_t end = expr.find('\'', kPrefix.size());
    if (end != std::string::npos && expr.find('(', kPrefix.size()) == std::string::npos &&
        is_name(std::string_view(expr).substr(kPrefix.size(), end - kPrefix.size()))) {
      return expr.substr(kPrefix.size(), end - kPrefix.size());
    }
  }
  return std::nullopt;
}

Result<std::vector<int64_t>> int_list(const Json& value, std::string_view what) {
  INGOT_ASSIGN_OR_RETURN(const Json* list, as_array(value, what));
  std::vector<int64_t> out;
  for (const Json& item : *list) {
    INGOT_ASSIGN_OR_RETURN(int64_t v, as_int(item, what));
    out.push_back(v);
  }
  return out;
}

Result<std::string> tensor_name(const Json& value, std::string_view what) {
  INGOT_ASSIGN_OR_RETURN(const Json* name, member(value, "name", what));
  return as_string(*name, what);
}

// SymIntArgument / SymBoolArgument / SymFloatArgument: {as_name} or a constant.
Status read_sym_arg(const Json& value, std::string_view what, std::string& name, int64_t& constant) {
  INGOT_ASSIGN_OR_RETURN(auto field, union_field(value, what));
  if (field.first == "as_name") {
    INGOT_ASSIGN_OR_RETURN(name, as_string(*field.second, what));
    return {};
  }
  if (field.first == "as_int") {
    INGOT_ASSIGN_OR_RETURN(constant, as_int(*field.second, what));
    return {};
  }
  return Status::invalid(fmt::format("{} has an unknown field '{}'", what, field.first));
}

Result<Argument> read_argument(const Json& value, std::string_view what) {
  INGOT_ASSIGN_OR_RETURN(auto field, union_field(value, what));
  const auto& [key, v] = field;
  Argument arg;
  if (key == "as_none") {
    arg.kind = AK::none;
  } else if (key == "as_tensor") {
    arg.kind = AK::tensor;
    INGOT_ASSIGN_OR_RETURN(arg.name, tensor_name(*v, what));
  } else if (key == "as_tensors") {
    arg.kind = AK::tensors;
    INGOT_ASSIGN_OR_RETURN(const Json* list, as_array(*v, what));
    for (const Json& item : *list) {
      INGOT_ASSIGN_OR_RETURN(std::string name, tensor_name(item, what));
      arg.names.push_back(std::move(name));
    }
  } else if (key == "as_optional_tensors") {
    arg.kind = AK::optional_tensors;
    INGOT_ASSIGN_OR_RETURN(const Json* list, as_array(*v, what));
    for (const Json& item : *list) {
      INGOT_ASSIGN_OR_RETURN(auto inner, union_field(item, what));
      if (inner.first == "as_tensor") {
        INGOT_ASSIGN_OR_RETURN(std::string name, tensor_name(*inner.second, what));
        arg.names.push_back(std::move(name));
      } else {
        arg.names.emplace_back();
      }
    }
  } else if (key == "as_int") {
    arg.kind = AK::integer;
    INGOT_ASSIGN_OR_RETURN(arg.integer, as_int(*v, what));
  } else if (key == "as_ints") {
    arg.kind = AK::integers;
    INGOT_ASSIGN_OR_RETURN(arg.integers, int_list(*v, what));
  } else if (key == "as_float") {
    arg.kind = AK::real;
    INGOT_ASSIGN_OR_RETURN(arg.real, as_float(*v, what));
  } else if (key == "as_floats") {
    arg.kind = AK::reals;
    INGOT_ASSIGN_OR_RETURN(const Json* list, as_array(*v, what));
    for (const Json& item : *list) {
      INGOT_ASSIGN_OR_RETURN(double f, as_float(item, what));
      arg.reals.push_back(f);
    }
  } else if (key == "as_string") {
    arg.kind = AK::string;
    INGOT_ASSIGN_OR_RETURN(arg.text, as_string(*v, what));
  } else if (key == "as_strings") {
    arg.kind = AK::strings;
    INGOT_ASSIGN_OR_RETURN(const Json* list, as_array(*v, what));
    for (const Json& item : *list) {
      INGOT_ASSIGN_OR_RETURN(std::string s, as_string(item, what));
      arg.strings.push_back(std::move(s));
    }
  } else if (key == "as_bool") {
    arg.kind = AK::boolean;
    INGOT_ASSIGN_OR_RETURN(bool b, as_bool(*v, what));
    arg.integer = b;
  } else if (key == "as_bools") {
    arg.kind = AK::booleans;
    INGOT_ASSIGN_OR_RETURN(const Json* list, as_array(*v, what));
    for (const Json& item : *list) {
      INGOT_ASSIGN_OR_RETURN(bool b, as_bool(item, what));
      arg.integers.push_back(b);
    }
  } else if (key == "as_sym_int" || key == "as_sym_bool" || key == "as_sym_float") {
    arg.kind = AK::sym_int;
    INGOT_RETURN_IF_ERROR(read_sym_arg(*v, what, arg.name, arg.integer));
    if (key != "as_sym_int" && arg.name.empty()) return Status::invalid(fmt::format("{}: constant {} is not supported", what, key));
  } else if (key == "as_sym_ints") {
    arg.kind = AK::sym_ints;
    INGOT_ASSIGN_OR_RETURN(const Json* list, as_array(*v, what));
    for (const Json& item : *list) {
      std::string name;
      int64_t constant = 0;
      INGOT_RETURN_IF_ERROR(read_sym_arg(item, what, name, constant));
      arg.names.push_back(std::move(name));
      arg.integers.push_back(constant);
    }
  } else if (key == "as_scalar_type" || key == "as_memory_format" || key == "as_layout") {
    arg.kind = key == "as_scalar_type" ? AK::scalar_type : key == "as_memory_format" ? AK::memory_format : AK::layout;
    INGOT_ASSIGN_OR_RETURN(arg.integer, as_int(*v, what));
  } else if (key == "as_device") {
    arg.kind = AK::device;
    INGOT_ASSIGN_OR_RETURN(const Json* type, member(*v, "type", what));
    INGOT_ASSIGN_OR_RETURN(arg.text, as_string(*type, what));
  } else {
    arg.kind = AK::other;  // graphs, custom objects, operators...: converters reject them by name
    arg.name = key;
  }
  return arg;
}

Result<TensorMeta> read_tensor_meta(const Json& value, std::string_view what) {
  TensorMeta meta;
  INGOT_ASSIGN_OR_RETURN(const Json* dtype, member(value, "dtype", what));
  INGOT_ASSIGN_OR_RETURN(int64_t code, as_int(*dtype, what));
  meta.scalar_type = static_cast<int32_t>(code);
  meta.dtype = dtype_from_scalar_type(code);
  INGOT_ASSIGN_OR_RETURN(const Json* sizes, member(value, "sizes", what));
  INGOT_ASSIGN_OR_RETURN(const Json* list, as_array(*sizes, what));
  for (const Json& item : *list) {
    INGOT_ASSIGN_OR_RETURN(SymDim dim, read_sym_dim(item, what));
    meta.sizes.push_back(std::move(dim));
  }
  if (const Json* layout = optional_member(value, "layout")) {
    INGOT_ASSIGN_OR_RETURN(int64_t code, as_int(*layout, what));
    if (code != 7) return Status::invalid(fmt::format("{} has layout {}; only strided tensors are supported", what, code));
  }
  return meta;
}

Result<InputSpec> read_input_spec(const Json& value, size_t index) {
  const std::string what = fmt::format("input spec {}", index);
  INGOT_ASSIGN_OR_RETURN(auto field, union_field(value, what));
  const auto& [key, v] = field;
  InputSpec spec{};
  auto arg_name = [&]() -> Result<std::string> {
    INGOT_ASSIGN_OR_RETURN(const Json* arg, member(*v, "arg", what));
    return tensor_name(*arg, what);
  };
  auto target = [&](std::string_view field_name) -> Result<std::string> {
    INGOT_ASSIGN_OR_RETURN(const Json* name, member(*v, field_name, what));
    return as_string(*name, what);
  };
  if (key == "user_input") {
    spec.kind = InputSpec::Kind::user_input;
    INGOT_ASSIGN_OR_RETURN(const Json* arg, member(*v, "arg", what));
    INGOT_ASSIGN_OR_RETURN(spec.user_arg, read_argument(*arg, what));
    spec.name = spec.user_arg.name;
  } else if (key == "parameter") {
    spec.kind = InputSpec::Kind::parameter;
    INGOT_ASSIGN_OR_RETURN(spec.name, arg_name());
    INGOT_ASSIGN_OR_RETURN(spec.target, target("parameter_name"));
  } else if (key == "buffer") {
    spec.kind = InputSpec::Kind::buffer;
    INGOT_ASSIGN_OR_RETURN(spec.name, arg_name());
    INGOT_ASSIGN_OR_RETURN(spec.target, target("buffer_name"));
  } else if (key == "tensor_constant") {
    spec.kind = InputSpec::Kind::tensor_constant;
    INGOT_ASSIGN_OR_RETURN(spec.name, arg_name());
    INGOT_ASSIGN_OR_RETURN(spec.target, target("tensor_constant_name"));
  } else if (key == "custom_obj") {
    spec.kind = InputSpec::Kind::custom_obj;
    INGOT_ASSIGN_OR_RETURN(spec.name, arg_name());
    INGOT_ASSIGN_OR_RETURN(spec.target, target("custom_obj_name"));
  } else if (key == "token") {
    spec.kind = InputSpec::Kind::token;
    INGOT_ASSIGN_OR_RETURN(spec.name, arg_name());
  } else if (key == "constant_input") {
    spec.kind = InputSpec::Kind::constant_input;
    INGOT_ASSIGN_OR_RETURN(spec.name, target("name"));
    INGOT_ASSIGN_OR_RETURN(const Json* constant, member(*v, "value", what));
    INGOT_ASSIGN_OR_RETURN(spec.constant, read_argument(*constant, what));
  } else {
    return Status::invalid(fmt::format("{} has the unknown kind '{}'", what, key));
  }
  return spec;
}

Result<OutputSpec> read_output_spec(const Json& value, size_t index) {
  const std::string what = fmt::format("output spec {}", index);
  INGOT_ASSIGN_OR_RETURN(auto field, union_field(value, what));
  OutputSpec spec;
  spec.kind = field.first;
  INGOT_ASSIGN_OR_RETURN(const Json* arg, member(*field.second, "arg", what));
  if (spec.kind == "user_output") {
    INGOT_ASSIGN_OR_RETURN(spec.arg, read_argument(*arg, what));
  } else {
    spec.arg.kind = AK::tensor;
    INGOT_ASSIGN_OR_RETURN(spec.arg.name, tensor_name(*arg, what));
  }
  for (const char* key : {"buffer_name", "parameter_name", "user_input_name"}) {
    if (const Json* name = optional_member(*field.second, key)) {
      INGOT_ASSIGN_OR_RETURN(spec.target, as_string(*name, what));
    }
  }
  return spec;
}

Result<std::optional<int64_t>> range_bound(const Json* value, std::string_view what) {
  if (value == nullptr) return std::optional<int64_t>();
  if (value->is_string()) {
    INGOT_ASSIGN_OR_RETURN(double f, as_float(*value, what));
    if (std::isnan(f)) return Status::invalid(fmt::format("{} is NaN", what));
    return std::optional<int64_t>();  // +-Infinity: unbounded
  }
  INGOT_ASSIGN_OR_RETURN(int64_t bound, as_int(*value, what));
  return std::optional<int64_t>(bound);
}

Status read_graph(const Json& graph, Program& program) {
  INGOT_ASSIGN_OR_RETURN(const Json* inputs, member(graph, "inputs", "the graph"));
  INGOT_ASSIGN_OR_RETURN(const Json* outputs, member(graph, "outputs", "the graph"));
  INGOT_ASSIGN_OR_RETURN(const Json* nodes, member(graph, "nodes", "the graph"));
  INGOT_ASSIGN_OR_RETURN(const Json* values, member(graph, "tensor_values", "the graph"));
  INGOT_RETURN_IF_ERROR(as_array(*inputs, "the graph's inputs").status());
  INGOT_RETURN_IF_ERROR(as_array(*outputs, "the graph's outputs").status());
  INGOT_RETURN_IF_ERROR(as_array(*nodes, "the graph's nodes").status());
  INGOT_RETURN_IF_ERROR(as_object(*values, "tensor_values").status());
  for (const Json& input : *inputs) {
    INGOT_ASSIGN_OR_RETURN(Argument arg, read_argument(input, "a graph input"));
    program.graph_inputs.push_back(std::move(arg));
  }
  for (const Json& output : *outputs) {
    INGOT_ASSIGN_OR_RETURN(Argument arg, read_argument(output, "a graph output"));
    program.graph_outputs.push_back(std::move(arg));
  }
  for (size_t i = 0; i < nodes->size(); ++i) {
    const Json& node = (*nodes)[i];
    const std::string what = fmt::format("node {}", i);
    ProgramNode parsed;
    INGOT_ASSIGN_OR_RETURN(const Json* target, member(node, "target", what));
    INGOT_ASSIGN_OR_RETURN(parsed.target, as_string(*target, what));
    const std::string node_what = fmt::format("node {} ({})", i, parsed.target);
    INGOT_ASSIGN_OR_RETURN(const Json* node_inputs, member(node, "inputs", node_what));
    INGOT_RETURN_IF_ERROR(as_array(*node_inputs, node_what).status());
    for (const Json& input : *node_inputs) {
      NamedArgument named;
      INGOT_ASSIGN_OR_RETURN(const Json* name, member(input, "name", node_what));
      INGOT_ASSIGN_OR_RETURN(named.name, as_string(*name, node_what));
      INGOT_ASSIGN_OR_RETURN(const Json* arg, member(input, "arg", node_what));
      INGOT_ASSIGN_OR_RETURN(named.arg, read_argument(*arg, node_what + " argument '" + named.name + "'"));
      parsed.inputs.push_back(std::move(named));
    }
    INGOT_ASSIGN_OR_RETURN(const Json* node_outputs, member(node, "outputs", node_what));
    INGOT_RETURN_IF_ERROR(as_array(*node_outputs, node_what).status());
    for (const Json& output : *node_outputs) {
      INGOT_ASSIGN_OR_RETURN(Argument arg, read_argument(output, node_what + " output"));
      parsed.outputs.push_back(std::move(arg));
    }
    program.nodes.push_back(std::move(parsed));
  }
  for (auto it = values->begin(); it != values->end(); ++it) {
    INGOT_ASSIGN_OR_RETURN(TensorMeta meta, read_tensor_meta(it.value(), "tensor '" + it.key() + "'"));
    program.tensor_values[it.key()] = std::move(meta);
  }
  if (const Json* syms = optional_member(graph, "sym_int_values")) {
    INGOT_RETURN_IF_ERROR(as_object(*syms, "sym_int_values").status());
    for (auto it = syms->begin(); it != syms->end(); ++it) {
      INGOT_ASSIGN_OR_RETURN(SymDim dim, read_sym_dim(it.value(), "sym int '" + it.key() + "'"));
      program.sym_int_values[it.key()] = std::move(dim);
    }
  }
  return {};
}

Status read_versions(const Json& json, Program& program) {
  INGOT_ASSIGN_OR_RETURN(const Json* version, member(json, "schema_version", "the program"));
  if (version->is_number_integer()) {
    INGOT_ASSIGN_OR_RETURN(program.schema_major, as_int(*version, "schema_version"));
  } else {
    INGOT_ASSIGN_OR_RETURN(const Json* major, member(*version, "major", "schema_version"));
    INGOT_ASSIGN_OR_RETURN(program.schema_major, as_int(*major, "schema_version.major"));
    if (const Json* minor = optional_member(*version, "minor")) {
      INGOT_ASSIGN_OR_RETURN(program.schema_minor, as_int(*minor, "schema_version.minor"));
    }
  }
  if (program.schema_major < 1 || program.schema_major > kNewestSchemaMajor) {
    return Status::invalid(fmt::format("schema version {}.{} is not one ingot reads (1 to {}.x)", program.schema_major,
                                       program.schema_minor, kNewestSchemaMajor));
  }
  if (const Json* opsets = optional_member(json, "opset_version")) {
    if (const Json* aten = optional_member(*opsets, "aten")) {
      INGOT_ASSIGN_OR_RETURN(program.aten_opset, as_int(*aten, "opset_version.aten"));
    }
  }
  program.torch_version = "<=2.4";
  if (const Json* torch = optional_member(json, "torch_version")) {
    INGOT_ASSIGN_OR_RETURN(program.torch_version, as_string(*torch, "torch_version"));
  }
  if (const Json* dialect = optional_member(json, "dialect")) {
    INGOT_ASSIGN_OR_RETURN(program.dialect, as_string(*dialect, "dialect"));
  }
  if (const Json* verifiers = optional_member(json, "verifiers")) {
    INGOT_RETURN_IF_ERROR(as_array(*verifiers, "verifiers").status());
    for (const Json& verifier : *verifiers) {
      INGOT_ASSIGN_OR_RETURN(std::string name, as_string(verifier, "verifiers"));
      program.dialect += (program.dialect.empty() ? "" : ",") + name;
    }
  }
  if (program.dialect == "EDGE") return Status::invalid("an ExecuTorch EDGE dialect program (edge ops) is not supported");
  return {};
}

}  // namespace

std::optional<DType> dtype_from_scalar_type(int64_t code) {
  switch (code) {
    case 1: return DType::u8;
    case 2: return DType::i8;
    case 3: return DType::i16;
    case 4: return DType::i32;
    case 5: return DType::i64;
    case 6: return DType::f16;
    case 7: return DType::f32;
    case 8: return DType::f64;
    case 12: return DType::boolean;
    case 13: return DType::bf16;
    case 28: return DType::u16;
    default: return std::nullopt;
  }
}

std::string scalar_type_name(int64_t code) {
  switch (code) {
    case 9: return "complex32";
    case 10: return "complex64";
    case 11: return "complex128";
    case 29: return "float8_e4m3fn";
    case 30: return "float8_e5m2";
    case 31: return "float8_e4m3fnuz";
    case 32: return "float8_e5m2fnuz";
    default: break;
  }
  if (auto dtype = dtype_from_scalar_type(code)) return std::string(dtype_name(*dtype));
  return fmt::format("scalar type {}", code);
}

Result<SymDim> read_sym_dim(const Json& value, std::string_view what) {
  SymDim dim;
  if (value.is_number_integer()) {
    INGOT_ASSIGN_OR_RETURN(dim.value, as_int(value, what));
    return dim;
  }
  INGOT_ASSIGN_OR_RETURN(auto field, union_field(value, what));
  if (field.first == "as_int") {
    INGOT_ASSIGN_OR_RETURN(dim.value, as_int(*field.second, what));
    return dim;
  }
  if (field.first != "as_expr") return Status::invalid(fmt::format("{} has an unknown dim kind '{}'", what, field.first));
  const Json& expr = *field.second;
  INGOT_ASSIGN_OR_RETURN(const Json* text, member(expr, "expr_str", what));
  INGOT_ASSIGN_OR_RETURN(std::string expr_str, as_string(*text, what));
  if (const Json* hint = optional_member(expr, "hint")) {
    INGOT_ASSIGN_OR_RETURN(auto hint_field, union_field(*hint, what));
    if (hint_field.first == "as_int") {
      INGOT_ASSIGN_OR_RETURN(int64_t value, as_int(*hint_field.second, what));
      dim.hint = value;
    }
  }
  std::optional<std::string> symbol = bare_symbol(expr_str);
  dim.kind = symbol ? SymDim::Kind::symbol : SymDim::Kind::expression;
  dim.symbol = symbol ? *symbol : expr_str;
  return dim;
}

Result<Program> read_program(const Json& json) {
  Program program;
  INGOT_RETURN_IF_ERROR(as_object(json, "the program").status());
  INGOT_RETURN_IF_ERROR(read_versions(json, program));
  INGOT_ASSIGN_OR_RETURN(const Json* module, member(json, "graph_module", "the program"));
  INGOT_ASSIGN_OR_RETURN(const Json* graph, member(*module, "graph", "graph_module"));
  INGOT_RETURN_IF_ERROR(read_graph(*graph, program));
  INGOT_ASSIGN_OR_RETURN(const Json* signature, member(*module, "signature", "graph_module"));
  INGOT_ASSIGN_OR_RETURN(const Json* input_specs, member(*signature, "input_specs", "the signature"));
  INGOT_ASSIGN_OR_RETURN(const Json* output_specs, member(*signature, "output_specs", "the signature"));
  INGOT_RETURN_IF_ERROR(as_array(*input_specs, "input_specs").status());
  INGOT_RETURN_IF_ERROR(as_array(*output_specs, "output_specs").status());
  for (size_t i = 0; i < input_specs->size(); ++i) {
    INGOT_ASSIGN_OR_RETURN(InputSpec spec, read_input_spec((*input_specs)[i], i));
    program.input_specs.push_back(std::move(spec));
  }
  for (size_t i = 0; i < output_specs->size(); ++i) {
    INGOT_ASSIGN_OR_RETURN(OutputSpec spec, read_output_spec((*output_specs)[i], i));
    program.output_specs.push_back(std::move(spec));
  }
  if (const Json* ranges = optional_member(json, "range_constraints")) {
    INGOT_RETURN_IF_ERROR(as_object(*ranges, "range_constraints").status());
    for (auto it = ranges->begin(); it != ranges->end(); ++it) {
      const std::string what = "range constraint '" + it.key() + "'";
      RangeConstraint range;
      INGOT_ASSIGN_OR_RETURN(range.min, range_bound(optional_member(it.value(), "min_val"), what));
      INGOT_ASSIGN_OR_RETURN(range.max, range_bound(optional_member(it.value(), "max_val"), what));
      program.range_constraints[it.key()] = range;
    }
  }
  return program;
}

}  // namespace ingot::aten
