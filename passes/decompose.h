// decompose: a composite node (layer_norm, gelu, gemm with transposes,
// softmax on an inner axis, ...) is rewritten with simpler core ops when the
// target's kernel table says that pays: when the target has no kernel for the
// composite at all, or has only the reference kernel for it while every node
// of the decomposition gets an optimized one. The rules (decompositions.h)
// say how; the kernel table alone decides whether.
#pragma once

#include "passes/pass.h"

namespace ingot {

Pass decompose_pass();

}  // namespace ingot
