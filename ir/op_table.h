// The op table: the single source of truth for the core op set. For every op
// it gives the operands, the attributes and the shape rule. The verifier, the
// text parser, the importers and the reports all read it.
#pragma once

#include <string_view>
#include <vector>

#include "ir/attribute.h"
#include "ir/graph.h"
#include "ir/op_kind.h"
#include "ir/status.h"

namespace ingot {

struct OperandSpec {
  std::string_view name;
  bool optional = false;  // may be absent (a null input)
  bool variadic = false;  // last operand only: repeats one or more times
};

struct AttrSpec {
  std::string_view name;
  AttrType type;
  bool required = false;
};

// Computes the output types of a node from its input types, attributes and
// constant operands. Rules for ops whose output shape depends on run-time data
// (a slice with computed starts) check what they can and keep the declared
// output types.
using ShapeRule = Result<std::vector<TensorType>> (*)(const Node& node);

struct OpInfo {
  OpKind kind = OpKind::unmapped;
  std::vector<OperandSpec> operands;
  std::vector<AttrSpec> attrs;
  int num_outputs = 1;  // -1: decided by the node (split, top_k)
  ShapeRule infer = nullptr;
  std::string_view summary;

  std::string_view name() const { return op_name(kind); }
  const AttrSpec* find_attr(std::string_view attr) const;
};

const OpInfo& op_info(OpKind kind);

}  // namespace ingot
