#include "passes/canonicalize.h"

#include "passes/common_subexpressions.h"
#include "passes/fold_batch_norm.h"
#include "passes/fold_constants.h"
#include "passes/rewrite.h"
#include "passes/simplify_identities.h"
#include "passes/transpose_constant_weights.h"

namespace ingot {
namespace {

// Each round can only remove nodes or shrink them, so this bound is never
// reached on a real model; it guards against two rules undoing each other.
constexpr int kMaxRounds = 16;

}  // namespace

Status canonicalize_graph(Graph& graph, PassContext& context) {
  for (int round = 0; round < kMaxRounds; ++round) {
    int64_t folded = 0;
    if (context.evaluate) {
      INGOT_ASSIGN_OR_RETURN(folded, fold_constants(graph, context.evaluate));
    }
    const int64_t bn_folded = fold_batch_norms(graph);
    const int64_t simplified = simplify_identities(graph);
    const int64_t transposed = transpose_constant_weights(graph);
    const int64_t merged = merge_common_subexpressions(graph);
    const int64_t dead = erase_dead_nodes(graph);
    context.count("constant-folded nodes", folded);
    context.count("batch_norm folded into weights", bn_folded);
    context.count("identities removed", simplified);
    context.count("weights transposed for row-major reads", transposed);
    context.count("common subexpressions merged", merged);
    context.count("dead nodes removed", dead);
    if (folded + bn_folded + simplified + transposed + merged + dead == 0) break;
  }
  return {};
}

Pass canonicalize_pass() {
  return {"canonicalize", "constant folding, identities, common subexpressions, dead code", canonicalize_graph};
}

}  // namespace ingot
