#include "compiler/pipeline.h"

#include "passes/canonicalize.h"
#include "passes/decompose.h"
#include "passes/fuse.h"
#include "passes/lower_qdq.h"
#include "passes/pack_weights.h"

namespace ingot {

std::vector<Pass> default_pipeline() {
  return {
      canonicalize_pass(),  // fold shape arithmetic and constants, drop identities and dead code
      lower_qdq_pass(),     // quantize(op(dequantize...)) into integer ops; folds the dequantized weights left
      decompose_pass(),     // composites the target has no fast kernel for
      fuse_pass(),          // batch_norm into weights, bias and activation into products
      pack_weights_pass(),  // constant conv weights into the chosen kernel's panels (last: it asks which kernel)
  };
}

}  // namespace ingot
