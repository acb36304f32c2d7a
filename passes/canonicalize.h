// canonicalize: constant folding (reference kernels), identities, constant
// weights in the layout kernels read (transpose_constant_weights.h), common
// subexpressions and dead code, repeated until nothing changes. Later passes
// may assume their input is canonical.
#pragma once

#include "passes/pass.h"

namespace ingot {

Pass canonicalize_pass();

// The pass's body, for passes that leave foldable nodes behind (decompose).
Status canonicalize_graph(Graph& graph, PassContext& context);

}  // namespace ingot
