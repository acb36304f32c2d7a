// BatchNorm folding: an inference batch_norm right after a conv or gemm with
// constant weights is a per-channel scale and shift, which moves into the
// weights and the bias: w'[m] = w[m] * s[m], b'[m] = (b[m] - mean[m]) * s[m] +
// beta[m], with s = gamma / sqrt(var + epsilon).
#pragma once

#include "ir/graph.h"

namespace ingot {

// Returns the number of batch_norm nodes folded away.
int64_t fold_batch_norms(Graph& graph);

}  // namespace ingot
