// Shape arithmetic that the float and the integer products share
// (linalg.cc, quant_compute.cc), so that qconv and conv cannot disagree.
#pragma once

#include "ir/graph.h"
#include "ir/status.h"
#include "ir/tensor_type.h"

namespace ingot::ops {

// The output shape [N, M, out...] of a convolution node whose operands 0 (x
// [N, C, in...]) and 1 (w [M, C/group, k...]) have one rank >= 3, from its
// group, strides, pads and dilations.
Result<Shape> conv_output_shape(const Node& node);

}  // namespace ingot::ops
