// Helpers shared by the shape-rule tests (tests/ir/*_rules_test.cc): build
// one node over fresh graph inputs and read what its op's rule infers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "importers/onnx/onnx_importer.h"
#include "ir/graph.h"
#include "ir/verifier.h"

namespace ingot::rule_test {

inline TensorType type(DType dtype, Shape shape) {
  TensorType t;
  t.dtype = dtype;
  t.shape = std::move(shape);
  return t;
}

inline TensorType f32(Shape shape) { return type(DType::f32, std::move(shape)); }
inline TensorType i64(Shape shape) { return type(DType::i64, std::move(shape)); }
inline TensorType i32(Shape shape) { return type(DType::i32, std::move(shape)); }

// One node over fresh graph inputs (nullopt: an absent operand); returns the
// rule's output types or its error.
inline Result<std::vector<TensorType>> infer(OpKind op, std::vector<std::optional<TensorType>> inputs, AttrMap attrs,
                                             std::vector<TensorType> declared = {}) {
  Graph graph;
  std::vector<Value*> values;
  for (size_t i = 0; i < inputs.size(); ++i) {
    values.push_back(inputs[i] ? graph.add_input("in" + std::to_string(i), *inputs[i]) : nullptr);
  }
  return infer_output_types({op, values, std::move(attrs), "n", ""}, declared);
}

inline std::string error_of(const Result<std::vector<TensorType>>& result) {
  return result.ok() ? "(no error)" : result.status().message();
}

// The single output type, or a type that fails every comparison.
inline TensorType only(const Result<std::vector<TensorType>>& result) {
  EXPECT_TRUE(result.ok()) << error_of(result);
  if (!result.ok() || result->size() != 1) return type(DType::boolean, {-1});
  return result->at(0);
}

// The single node that produces graph output 0 of an import.
inline const Node* output_node(const ImportResult& result) { return result.graph.outputs()[0]->producer(); }

}  // namespace ingot::rule_test
