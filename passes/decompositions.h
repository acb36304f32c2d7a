// The decomposition rules: how a composite op is written with simpler core
// ops. The rules say only *how*; whether a node is decomposed is decided by
// the decompose pass from the target's kernel table.
#pragma once

#include <vector>

#include "ir/core_op_set.h"
#include "ir/graph.h"
#include "ir/status.h"

namespace ingot {

// The values that replace a node's outputs, or nullopt when the rule does
// not apply to this node (a softmax already on the last axis).
using Replacement = Result<std::optional<std::vector<Value*>>>;

struct Decomposition {
  OpKind op;
  // Emits the replacement just before `node` (passes/rewrite.h: emit_before).
  Replacement (*rewrite)(Graph& graph, const Node& node);
  // Every op the rewrite may emit: what a runtime for a list of source ops
  // must carry besides them (pass_products.h). The decompose pass checks it
  // on every rewrite.
  CoreOpSet emits;
};

// A scalar constant of the node's result dtype, for the rules' arithmetic.
Value* scalar_like_result(Graph& graph, const Node& node, double value);

// Every rule, in a fixed order: activation, norm and linalg families.
const std::vector<Decomposition>& decompositions();

std::vector<Decomposition> activation_decompositions();  // decompose_activation.cc
std::vector<Decomposition> norm_decompositions();        // decompose_norm.cc
std::vector<Decomposition> linalg_decompositions();      // decompose_linalg.cc

}  // namespace ingot
