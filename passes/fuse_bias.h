// Bias fusion: an add of a constant that is one value per output channel
// (conv) or per output column (matmul, gemm) right after the product becomes
// the product's bias operand, which its kernel adds while the result is still
// in registers.
#pragma once

#include "ir/graph.h"

namespace ingot {

// Returns the number of add nodes fused away.
int64_t fuse_biases(Graph& graph);

}  // namespace ingot
