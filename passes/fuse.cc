#include "passes/fuse.h"

#include "passes/fuse_activation.h"
#include "passes/fuse_bias.h"
#include "passes/fuse_expand_depthwise.h"
#include "passes/fuse_silu.h"
#include "passes/rewrite.h"

namespace ingot {
namespace {

Status fuse(Graph& graph, PassContext& context) {
  if (context.kernels == nullptr) return Status::internal("fuse needs the target's kernel table");
  // Each step leaves the nodes it bypassed dead; they go before the next
  // step counts uses.
  context.count("bias adds fused", fuse_biases(graph));
  erase_dead_nodes(graph);
  // Before the activations: a sigmoid that is half of a swish must not be
  // fused into the node before it.
  context.count("swishes fused into silu", fuse_silu(graph));
  erase_dead_nodes(graph);
  for (const FusionCount& fused : fuse_activations(graph, *context.kernels)) {
    context.count("fused " + fused.pattern, fused.count);
  }
  erase_dead_nodes(graph);
  // After the activations: both convs carry theirs into the fused node.
  const ExpandDepthwiseFusion pairs = fuse_expand_depthwise(graph, *context.kernels);
  context.count("fused conv+depthwise into expand_depthwise", pairs.fused);
  for (const auto& [why, count] : pairs.left_apart) context.count("conv+depthwise left apart: " + why, count);
  erase_dead_nodes(graph);
  return {};
}

}  // namespace

Pass fuse_pass() {
  return {"fuse",
          "bias adds and activations into the node before them; x * sigmoid(x) into silu; a 1x1 conv and the depthwise "
          "conv after it into expand_depthwise",
          fuse};
}

}  // namespace ingot
