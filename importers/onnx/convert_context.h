// What a converter sees while it maps one ONNX node onto core ops: the node's
// operands as IR values, its attributes with their defaults, the constants it
// can read at compile time, and ONNX's inferred output types. Converters live
// in map_<family>.cc, one function per ONNX op (or per group of alike ops).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

#include "ir/constant_evaluator.h"
#include "ir/graph.h"
#include "ir/core_op_set.h"
#include "ir/status.h"

namespace ingot::onnx_import {

class ConvertContext {
 public:
  // The importer's state that outlives one node.
  struct Model {
    Graph* graph = nullptr;
    std::map<std::string, Value*> values;                   // ONNX value name -> IR value
    std::map<std::string, TensorType> inferred_types;       // from ONNX shape inference
    std::map<std::string, std::vector<int64_t>> shape_data; // ONNX data propagation results
    int64_t opset = 0;
    // Evaluates shape arithmetic that ONNX's data propagation leaves
    // unresolved (optional: without it such parameters stay unknown).
    ConstantEvaluator evaluate;
  };

  ConvertContext(Model& model, const onnx::NodeProto& node) : model_(model), node_(node) {}

  const onnx::NodeProto& node() const { return node_; }
  const std::string& op_type() const { return node_.op_type(); }
  int64_t opset() const { return model_.opset; }
  Graph& graph() { return *model_.graph; }

  // Operands. An absent optional input (empty name, or past the end) is null.
  size_t num_inputs() const { return static_cast<size_t>(node_.input_size()); }
  Value* input(size_t i) const;
  // The input, replaced by a constant when constants alone compute it.
  Value* folded_input(size_t i) const;
  // The input, or an error naming it when it is absent.
  Result<Value*> required_input(size_t i) const;
  size_t num_outputs() const { return static_cast<size_t>(node_.output_size()); }
  bool output_used(size_t i) const { return i < num_outputs() && !node_.output(static_cast<int>(i)).empty(); }

  // Attributes, with the default the ONNX schema gives when absent.
  bool has_attr(const std::string& name) const { return find_attr(name) != nullptr; }
  int64_t attr_int(const std::string& name, int64_t fallback) const;
  double attr_float(const std::string& name, double fallback) const;
  std::string attr_string(const std::string& name, const std::string& fallback) const;
  std::vector<int64_t> attr_ints(const std::string& name, std::vector<int64_t> fallback = {}) const;
  std::vector<double> attr_floats(const std::string& name, std::vector<double> fallback = {}) const;
  const onnx::AttributeProto* find_attr(const std::string& name) const;

  // Compile-time values of an operand: an initializer, a Constant, or a shape
  // computation that ONNX's data propagation resolved. nullopt otherwise.
  // Operand values known at compile time: constants, ONNX's propagated
  // shape data, or constant subgraphs folded on demand.
  std::optional<std::vector<int64_t>> constant_ints(size_t input_index) const;
  std::optional<std::vector<double>> constant_floats(size_t input_index) const;

  // ONNX's inferred type of output `i` (static shapes only).
  std::optional<TensorType> inferred_output_type(size_t i) const;

  // Adds an intermediate node; output types come from the op's shape rule.
  Result<Value*> emit(OpKind op, std::vector<Value*> inputs, AttrMap attrs = {});
  // Adds the node that produces this ONNX node's outputs (all of them, in
  // order). Types come from the shape rule and are checked against ONNX's
  // inference; ops whose shape depends on run-time data take ONNX's.
  Status emit_final(OpKind op, std::vector<Value*> inputs, AttrMap attrs = {});
  // Binds ONNX output `i` to an existing value (Identity-like mappings).
  // (graph_builder.cc gives a graph output bound this way a `copy`, so that
  // its name survives.)
  Status bind_output(size_t i, Value* value);

  // New constants.
  Value* constant_i64(const std::vector<int64_t>& values, Shape shape);
  Value* constant_f32(const std::vector<float>& values, Shape shape);
  // A scalar of `dtype` holding `value` (converted), for arithmetic with x.
  Value* constant_scalar(DType dtype, double value, Shape shape = {});

  // The error a converter returns for what it cannot map; the importer names
  // the node and op. Kind: invalid input (exit 2).
  Status unsupported(const std::string& reason) const { return Status::invalid(reason); }

 private:
  std::string value_name_hint() const;
  Result<std::vector<TensorType>> declared_types() const;

  Model& model_;
  const onnx::NodeProto& node_;
};

// An ints attribute with one entry per spatial dim (strides, pads halves,
// dilations, kernel_shape), each in [min, 2^40] so that window arithmetic
// cannot overflow. An absent or empty attribute gives `fallback` for every dim.
Result<std::vector<int64_t>> spatial_ints(const ConvertContext& ctx, const std::string& name, size_t count,
                                          int64_t fallback, int64_t min);

// A converter maps one ONNX node. It returns ok or the reason it cannot.
using Converter = Status (*)(ConvertContext& ctx);

// One entry of a converter table: the ONNX op, its converter, and every core
// op the converter may add as a node, decompositions included (constants it
// folds are not nodes). The declaration answers, without a model, which
// kernels the op can need (core_ops_of in onnx_importer.h); the import walk
// (tests/conformance/import_walk.py) checks it against every node a converter
// emits. The constructor makes it part of every entry.
struct ConverterEntry {
  ConverterEntry(const char* onnx_op, Converter convert, CoreOpSet emits)
      : onnx_op(onnx_op), convert(convert), emits(emits) {}

  const char* onnx_op;
  Converter convert;
  CoreOpSet emits;
};

}  // namespace ingot::onnx_import
