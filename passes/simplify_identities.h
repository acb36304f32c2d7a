// Identities: nodes that return their operand unchanged (a reshape to the same
// shape, an identity transpose, add of zero, ...) are bypassed, and pairs that
// compose (reshape of reshape, transpose of transpose) become one node.
#pragma once

#include "ir/graph.h"

namespace ingot {

// Returns the number of nodes bypassed or merged into their producer.
int64_t simplify_identities(Graph& graph);

}  // namespace ingot
