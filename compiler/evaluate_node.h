// Constant folding's evaluator: runs one node whose operands are constants
// through the portable reference kernels (as a one-instruction program), so
// that folding computes exactly what the runtime would.
#pragma once

#include "ir/constant_evaluator.h"

namespace ingot {

Result<std::vector<ConstantData>> evaluate_with_reference_kernels(const Node& node);

}  // namespace ingot
