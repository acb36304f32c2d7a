// canonicalize: constant folding (reference kernels), batch_norm folded into
// the conv or gemm before it, identities, constant weights in the layout
// kernels read (transpose_constant_weights.h), common subexpressions and dead
// code, repeated until nothing changes. None of it depends on the target. Later passes
// may assume their input is canonical.
#pragma once

#include "passes/pass.h"

namespace ingot {

Pass canonicalize_pass();

// The pass's body, for passes that leave foldable nodes behind (decompose).
Status canonicalize_graph(Graph& graph, PassContext& context);

}  // namespace ingot
