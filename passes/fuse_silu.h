// Swish fusion: mul(x, sigmoid(x)) (in either operand order), the sigmoid
// used by nothing else, becomes one silu(x): efficientnet's activation, as
// ONNX exports it, in one pass over memory instead of two.
#pragma once

#include "ir/core_op_set.h"
#include "ir/graph.h"

namespace ingot {

// Returns the number of mul nodes replaced.
int64_t fuse_silu(Graph& graph);

// The ops it fuses into silu: mul and sigmoid.
inline CoreOpSet silu_operands() { return {OpKind::mul, OpKind::sigmoid}; }

}  // namespace ingot
