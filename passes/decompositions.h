// The decomposition rules: how a composite op is written with simpler core
// ops. The rules say only *how*; whether a node is decomposed is decided by
// the decompose pass from the target's kernel table.
#pragma once

#include <vector>

#include "ir/graph.h"
#include "ir/status.h"

namespace ingot {

struct Decomposition {
  OpKind op;
  // Emits the replacement just before `node` (passes/rewrite.h: emit_before)
  // and returns the values that replace its outputs, or nullopt when the
  // rule does not apply to this node (a softmax already on the last axis).
  Result<std::optional<std::vector<Value*>>> (*rewrite)(Graph& graph, const Node& node);
};

// Every rule, in a fixed order: activation, norm and linalg families.
const std::vector<Decomposition>& decompositions();

std::vector<Decomposition> activation_decompositions();  // decompose_activation.cc
std::vector<Decomposition> norm_decompositions();        // decompose_norm.cc
std::vector<Decomposition> linalg_decompositions();      // decompose_linalg.cc

}  // namespace ingot
