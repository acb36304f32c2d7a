// The serialized ExportedProgram (torch/_export/serde/schema.py), as far as
// ingot reads it: the graph (nodes, their named arguments, tensor metadata),
// the graph signature, range constraints and versions. read_program() fills
// it from the JSON of any schema version in use (the integer 2 of torch 2.2,
// and 3.x to 8.x), compact or verbose.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "importers/aten/json_util.h"
#include "ir/dtype.h"

namespace ingot::aten {

// One dim of a tensor's size: static, or a symbol (s0) with torch's hint, or
// an expression of symbols that ingot does not evaluate.
struct SymDim {
  enum class Kind { value, symbol, expression } kind = Kind::value;
  int64_t value = 0;            // value
  std::string symbol;           // symbol: its name; expression: the text
  std::optional<int64_t> hint;  // symbol, expression
};

struct TensorMeta {
  std::optional<DType> dtype;  // nullopt: a dtype ingot has no type for
  int32_t scalar_type = 0;     // torch's ScalarType code, for messages
  std::vector<SymDim> sizes;
};

// An argument or output of a node (schema.Argument).
struct Argument {
  enum class Kind {
    none, tensor, tensors, optional_tensors, integer, integers, real, reals, string, strings, boolean, booleans,
    sym_int, sym_ints, scalar_type, memory_format, layout, device, other
  } kind = Kind::none;
  std::string name;                 // tensor, sym_int (when symbolic); other: the union field
  std::vector<std::string> names;   // tensors; optional_tensors ("" for None); sym_ints ("" for a constant)
  int64_t integer = 0;              // integer, sym_int (constant), scalar_type, memory_format, layout, boolean
  std::vector<int64_t> integers;    // integers, sym_ints (constants), booleans
  double real = 0;
  std::vector<double> reals;
  std::string text;                 // string; device: its type
  std::vector<std::string> strings;
};

struct NamedArgument {
  std::string name;
  Argument arg;
};

struct ProgramNode {
  std::string target;  // "torch.ops.aten.addmm.default", "_operator.getitem", ...
  std::vector<NamedArgument> inputs;
  std::vector<Argument> outputs;
};

struct InputSpec {
  enum class Kind { user_input, parameter, buffer, tensor_constant, custom_obj, token, constant_input } kind;
  std::string name;    // the graph placeholder
  std::string target;  // parameter / buffer / constant FQN
  Argument user_arg;   // user_input
  Argument constant;   // constant_input: its value
};

struct OutputSpec {
  std::string kind;    // "user_output", "buffer_mutation", "loss_output", ...
  Argument arg;
  std::string target;  // the mutated buffer / parameter / input
};

struct RangeConstraint {
  std::optional<int64_t> min, max;  // nullopt: unbounded (null or +-Infinity)
};

struct Program {
  std::vector<Argument> graph_inputs;
  std::vector<Argument> graph_outputs;
  std::vector<ProgramNode> nodes;
  std::map<std::string, TensorMeta> tensor_values;
  std::map<std::string, SymDim> sym_int_values;
  std::vector<InputSpec> input_specs;
  std::vector<OutputSpec> output_specs;
  std::map<std::string, RangeConstraint> range_constraints;
  int64_t schema_major = 0, schema_minor = 0;
  int64_t aten_opset = 0;     // opset_version["aten"]
  std::string torch_version;  // as written, "<=2.4" when absent
  std::string dialect;        // "ATEN", "TRAINING", "EDGE"... (verifiers or dialect)
};

inline constexpr int64_t kNewestSchemaMajor = 8;

Result<Program> read_program(const Json& json);

// torch's ScalarType code -> ingot's dtype, if it has one.
std::optional<DType> dtype_from_scalar_type(int64_t code);
std::string scalar_type_name(int64_t code);

// A SymInt (schema.SymInt) or an int.
Result<SymDim> read_sym_dim(const Json& value, std::string_view what);

}  // namespace ingot::aten
