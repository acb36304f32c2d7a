// Expand + depthwise fusion: a 1x1 conv whose only consumer is a depthwise
// conv (the first half of an inverted-residual block: mobilenet_v2,
// efficientnet) becomes one expand_depthwise node, whose kernel never stores
// the expanded tensor. Formed only where the target has an optimized kernel
// for the fused node (the op has no fast path otherwise: the reference
// kernel recomputes the expansion per tap).
#pragma once

#include <map>
#include <string>

#include "ir/graph.h"
#include "passes/kernel_table.h"

namespace ingot {

struct ExpandDepthwiseFusion {
  int64_t fused = 0;
  // Pairs left apart, by the reason the fused node would get no optimized kernel.
  std::map<std::string, int64_t> left_apart;
};

ExpandDepthwiseFusion fuse_expand_depthwise(Graph& graph, const KernelTable& kernels);

}  // namespace ingot
