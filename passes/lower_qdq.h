// lower-qdq: float ops between dequantize and quantize nodes with constant
// parameters into the integer ops qconv, qmatmul, qadd and qavg_pool (and
// layout ops, concat and max pooling run on the integers); lower_qdq.cc has
// the rules.
#pragma once

#include "ir/core_op_set.h"
#include "passes/pass.h"

namespace ingot {

Pass lower_qdq_pass();

// The integer ops lower-qdq may make of `ops` (for pass_products.h): with
// quantize and dequantize present, qconv from conv, qmatmul from matmul and
// gemm, qadd from add, qavg_pool from avg_pool and global_avg_pool.
CoreOpSet lower_qdq_products(const CoreOpSet& ops);

}  // namespace ingot
