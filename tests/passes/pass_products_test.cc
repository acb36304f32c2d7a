// ops_after_passes: what the passes may add to a graph of given ops.
#include <gtest/gtest.h>

#include "passes/pass_products.h"

namespace ingot {
namespace {

TEST(PassProducts, DecompositionsAddTheirDeclaredOpsTransitively) {
  const CoreOpSet ops = ops_after_passes({OpKind::hard_swish});
  for (OpKind op : {OpKind::hard_swish, OpKind::mul, OpKind::add, OpKind::clip, OpKind::copy}) {
    EXPECT_TRUE(ops.contains(op)) << op_name(op);
  }
  EXPECT_FALSE(ops.contains(OpKind::erf));
  const CoreOpSet layer_norm = ops_after_passes({OpKind::layer_norm});
  EXPECT_TRUE(layer_norm.contains(OpKind::reduce_mean) && layer_norm.contains(OpKind::sqrt));
}

TEST(PassProducts, MulAndSigmoidMayBecomeSilu) {
  EXPECT_TRUE(ops_after_passes({OpKind::mul, OpKind::sigmoid}).contains(OpKind::silu));
  EXPECT_FALSE(ops_after_passes({OpKind::mul}).contains(OpKind::silu));
  // hard_swish brings mul; with sigmoid beside it, silu follows.
  EXPECT_TRUE(ops_after_passes({OpKind::hard_swish, OpKind::sigmoid}).contains(OpKind::silu));
}

}  // namespace
}  // namespace ingot
