// Constant folding: a node whose operands are all constants is evaluated with
// the reference kernels and its outputs become constants. This is what turns
// the shape arithmetic exporters emit (shape -> gather -> unsqueeze -> concat)
// into plain constants, and weight transposes into transposed weights.
#pragma once

#include "passes/pass.h"

namespace ingot {

// Folding never grows the program by more than this per node: an output
// larger than the node's constant operands and than this limit (an expand of
// a scalar to a big tensor, say) is left to run at inference.
inline constexpr int64_t kMaxFoldGrowthBytes = 64 * 1024;

// Whether a dequantize of a constant integer tensor (quantized weights, an
// i32 bias) is folded: canonicalize leaves them (`no`) so that lower-qdq can
// turn the op that reads them into an integer op; lower-qdq folds the rest.
enum class FoldDequantize { no, yes };

// Returns the number of nodes folded (their outputs now unused).
Result<int64_t> fold_constants(Graph& graph, const ConstantEvaluator& evaluate,
                               FoldDequantize dequantize = FoldDequantize::no);

}  // namespace ingot
