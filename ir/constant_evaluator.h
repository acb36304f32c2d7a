// Evaluates one node whose operands are all constants, with the reference
// kernels, and returns the bytes of each output. The compiler provides it
// (compiler/evaluate_node.cc runs the portable runtime), so that passes do not
// depend on the program format.
#pragma once

#include <functional>
#include <vector>

#include "ir/graph.h"
#include "ir/status.h"

namespace ingot {

using ConstantEvaluator = std::function<Result<std::vector<ConstantData>>(const Node& node)>;

}  // namespace ingot
