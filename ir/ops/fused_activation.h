// A fused activation: conv, matmul, gemm and the arithmetic ops add, sub,
// mul, div may carry an activation that their kernel applies to the result
// (attributes `activation` and `activation_params`), so that the fuse pass
// can drop the separate activation node and its trip through memory. The
// semantics are exactly those of the standalone op of the same name.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "ir/op_table.h"
#include "ir/status.h"

namespace ingot {

inline constexpr AttrSpec kActivationAttr{"activation", AttrType::str};
inline constexpr AttrSpec kActivationParamsAttr{"activation_params", AttrType::f64s};

struct FusedActivation {
  std::string kind;            // the standalone op's name: relu, clip, sigmoid, ...
  std::vector<double> params;  // clip: min, max; leaky_relu: alpha; hard_sigmoid: alpha, beta
};

// The fused form of a standalone activation node, when it has one.
std::optional<FusedActivation> fused_form(const Node& activation);

// expand_depthwise's second activation, of its first product (the expand).
inline constexpr AttrSpec kExpandActivationAttr{"expand_activation", AttrType::str};
inline constexpr AttrSpec kExpandActivationParamsAttr{"expand_activation_params", AttrType::f64s};

// For shape rules: the node's fused activation, if any, names a known kind
// with the right number of parameters and the result is a float.
Status check_fused_activation(const Node& node, DType result, const AttrSpec& kind_attr = kActivationAttr,
                              const AttrSpec& params_attr = kActivationParamsAttr);

}  // namespace ingot
