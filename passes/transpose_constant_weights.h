// Weight layout decided at compile time: a gemm whose b is a constant used
// only there and read transposed (trans_b = 1, as ONNX exports of Linear
// layers write it) gets b transposed now and trans_b = 0, so that kernels
// read b row by row. The product is the same, term for term.
#pragma once

#include "ir/graph.h"

namespace ingot {

// Returns the number of weights transposed.
int64_t transpose_constant_weights(Graph& graph);

}  // namespace ingot
