// Activation fusion: relu, clip, sigmoid, tanh, hard_swish, hard_sigmoid,
// leaky_relu or silu (efficientnet's swish, made one op by fuse_silu) right
// after a conv, matmul, gemm, add, sub, mul or div moves into that node
// (ir/ops/fused_activation.h), when the target has a kernel for the fused
// form. An elementwise pair like add + relu becomes one pass over memory.
#pragma once

#include "ir/graph.h"
#include "passes/kernel_table.h"

namespace ingot {

struct FusionCount {
  std::string pattern;  // "conv+relu"
  int64_t count = 0;
};

// Returns how many of each pattern were fused, in a stable order.
std::vector<FusionCount> fuse_activations(Graph& graph, const KernelTable& kernels);

}  // namespace ingot
