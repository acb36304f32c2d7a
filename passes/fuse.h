// fuse: BatchNorm folded into conv and gemm weights, constant bias adds into
// the product before them, and activations into the node before them, in
// that order (each step makes the next one's pattern appear).
#pragma once

#include "passes/pass.h"

namespace ingot {

Pass fuse_pass();

}  // namespace ingot
