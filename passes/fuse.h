// fuse: constant bias adds into the product before them, then activations
// into the node before them, then 1x1 convs into the depthwise conv after
// them (each step makes the next one's pattern appear).
// BatchNorm folding is canonicalize's: it needs no kernel.
#pragma once

#include "passes/pass.h"

namespace ingot {

Pass fuse_pass();

}  // namespace ingot
