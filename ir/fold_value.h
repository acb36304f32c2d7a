// Folding on demand: the value a node computes from constants only (shape
// arithmetic such as shape -> gather -> div -> unsqueeze), evaluated now.
// Importers use it when an op needs a parameter at compile time that the
// model computes; canonicalize folds whatever is left over the whole graph.
#pragma once

#include "ir/constant_evaluator.h"
#include "ir/graph.h"

namespace ingot {

// Parameters are small: a chain whose values exceed this is not folded here.
inline constexpr int64_t kMaxOnDemandFoldBytes = 1 << 20;

// A constant holding `value`, evaluating its producers as needed (each
// folded producer's uses are left as they are; dead code removal sweeps
// them). Null when some operand is a graph input or a value is too large.
Value* fold_to_constant(Graph& graph, Value* value, const ConstantEvaluator& evaluate);

}  // namespace ingot
