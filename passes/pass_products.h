// The core ops the passes may add to a graph: what a runtime for a list of
// source ops must carry besides the ops those map onto (`ingot runtime`
// from ONNX Runtime's or ExecuTorch's op lists). Each pass that makes new
// kinds of node says so here, from its own declaration.
#pragma once

#include "ir/core_op_set.h"

namespace ingot {

// `ops` and every op the passes may turn them into: the decompositions'
// declared products (transitively), silu where mul and sigmoid meet
// (fuse_silu.h), the integer ops of quantize/dequantize patterns
// (lower_qdq.h), and copy (a graph output that a rewrite would make an
// input or another output stays a copy).
CoreOpSet ops_after_passes(const CoreOpSet& ops);

}  // namespace ingot
