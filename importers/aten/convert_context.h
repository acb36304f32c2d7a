// What a converter sees while it maps one ATen node onto core ops: the
// node's named arguments (with the schema's defaults where the program
// leaves them out), its operands as IR values, torch's metadata for its
// outputs (dtype and shape, symbols bound), and ways to add nodes and
// constants. Converters live in map_<family>.cc, one function per ATen op or
// group of alike ops.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "importers/aten/program.h"
#include "ir/graph.h"
#include "ir/core_op_set.h"
#include "ir/status.h"

namespace ingot::aten {

class ConvertContext {
 public:
  // The importer's state that outlives one node.
  struct Model {
    Graph* graph = nullptr;
    const Program* program = nullptr;
    std::map<std::string, Value*> tensors;   // program tensor name -> IR value
    std::map<std::string, int64_t> sym_ints;  // bound symbols (s0) and sym int values (sym_size_int)
    std::set<std::string> used;               // names some live node or output reads
    std::vector<std::string>* warnings = nullptr;
  };

  // `op` is the target without its "torch.ops." prefix: "aten.addmm.default".
  ConvertContext(Model& model, const ProgramNode& node, std::string op);

  const std::string& op() const { return op_; }
  const ProgramNode& node() const { return node_; }
  Graph& graph() { return *model_.graph; }
  void warn(std::string message) { model_.warnings->push_back(std::move(message)); }

  // Arguments by schema name; null when absent or None.
  const Argument* arg(std::string_view name) const;
  Result<Value*> tensor(std::string_view name) const;
  // Null when absent or None.
  Result<Value*> optional_tensor(std::string_view name) const;
  Result<std::vector<Value*>> tensor_list(std::string_view name) const;
  Result<int64_t> int_arg(std::string_view name, std::optional<int64_t> fallback = std::nullopt) const;
  Result<double> float_arg(std::string_view name, std::optional<double> fallback = std::nullopt) const;
  Result<bool> bool_arg(std::string_view name, std::optional<bool> fallback = std::nullopt) const;
  Result<std::string> string_arg(std::string_view name, std::optional<std::string> fallback = std::nullopt) const;
  // int[] (also a single int, and SymInt[] with the symbols resolved).
  Result<std::vector<int64_t>> ints_arg(std::string_view name, std::optional<std::vector<int64_t>> fallback = std::nullopt) const;
  // A Scalar argument (int, float or bool) as a double; nullopt when it is a tensor.
  Result<std::optional<double>> scalar_arg(std::string_view name) const;
  // A ScalarType argument (dtype=...), nullopt when absent.
  Result<std::optional<DType>> dtype_arg(std::string_view name) const;

  // Outputs: how many, whether anything reads output i, torch's type of it.
  size_t num_outputs() const;
  bool output_used(size_t i) const;
  Result<TensorType> output_type(size_t i) const;
  Result<DType> output_dtype(size_t i = 0) const;
  const Argument* output(size_t i) const;

  // Adds an intermediate node; output types come from the shape rule.
  Result<Value*> emit(OpKind op, std::vector<Value*> inputs, AttrMap attrs = {});
  // Adds the node that produces output i (default 0), named after it; its type
  // is checked against torch's metadata.
  Status emit_final(OpKind op, std::vector<Value*> inputs, AttrMap attrs = {}, size_t output = 0);
  // Binds output i to an existing value (aliases, identities). Checked too.
  Status bind_output(size_t i, Value* value);
  // Binds a SymInt output (sym_size, arithmetic on sizes).
  Status bind_sym_int(size_t i, int64_t value);
  // Adds a node with several outputs (split, top_k, max_pool with indices) and
  // binds program output i to node output i, for each i torch names.
  Status emit_outputs(OpKind op, std::vector<Value*> inputs, AttrMap attrs = {});
  // An intermediate node with several outputs.
  Result<std::vector<Value*>> emit_multi(OpKind op, std::vector<Value*> inputs, AttrMap attrs = {});

  // New constants.
  Value* constant(DType dtype, const std::vector<double>& values, Shape shape);
  Value* scalar(DType dtype, double value) { return constant(dtype, {value}, {}); }
  Value* constant_i64(const std::vector<int64_t>& values, Shape shape);
  // x cast to `dtype` (x itself when it already is).
  Result<Value*> cast(Value* x, DType dtype);

 private:
  Result<int64_t> resolve_sym(const std::string& name) const;
  Status check_against_meta(size_t i, const TensorType& type) const;
  std::string value_name_hint() const;

  Model& model_;
  const ProgramNode& node_;
  std::string op_;
};

// A converter maps one ATen node; it returns ok or the reason it cannot.
using Converter = Status (*)(ConvertContext& ctx);

// One entry of a converter table: the ATen target, its converter, and every
// core op the converter may add as a node, decompositions and dtype casts
// included (constants are not nodes). The declaration answers, without a
// program, which kernels the op can need (core_ops_of in aten_importer.h);
// the .pt2 fixture walk (tests/e2e/pt2_fixtures_test.py) checks it against
// every node a converter emits. The constructor makes it part of every entry.
struct ConverterEntry {
  ConverterEntry(const char* target, Converter convert, CoreOpSet emits)
      : target(target), convert(convert), emits(emits) {}

  const char* target;  // "aten.addmm.default"
  Converter convert;
  CoreOpSet emits;
};

// dims: a possibly negative dim of a tensor of `rank` (torch's wrap rule).
Result<int64_t> wrap_dim(int64_t dim, int64_t rank);
// The dtype two operands promote to (torch's rules for the dtypes ingot has).
DType promote(DType a, DType b);

}  // namespace ingot::aten
