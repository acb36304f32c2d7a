// Helpers shared by the shape rules of ir/ops/*.cc.
#pragma once

#include <optional>
#include <vector>

#include "ir/graph.h"
#include "ir/status.h"

namespace ingot::ops {

using Types = Result<std::vector<TensorType>>;

// Numpy-style broadcast of two shapes.
Result<Shape> broadcast(const Shape& a, const Shape& b);
// Maps a possibly negative axis into [0, rank); an error when out of range.
Result<int64_t> normalize_axis(int64_t axis, int64_t rank);

// The type of input `i`; the verifier has already checked that it exists.
inline const TensorType& input_type(const Node& node, size_t i) { return node.input(i)->type(); }

// The values of a constant integer operand (i32 or i64), or nullopt when the
// operand is absent or computed at run time.
std::optional<std::vector<int64_t>> constant_ints(const Value* value);

// For ops whose output shape depends on run-time data: the declared output
// types, which must exist (a graph is built with them).
Types declared_outputs(const Node& node);

// All operands must share one dtype; returns it.
Result<DType> common_dtype(const Node& node);

// The list attribute `name` with `size` entries, each in [min, kMaxElements]
// so that the size arithmetic cannot overflow.
Result<std::vector<int64_t>> int_list(const Node& node, std::string_view name, size_t size, int64_t min);

// The attribute `name`, which must be 0 or 1.
Result<bool> flag(const Node& node, std::string_view name);

// The output shape [N, C, pooled...] of a pool over input 0 with the window
// attributes kernel_shape, strides, pads, dilations and ceil_mode
// (ir/ops/pool.cc; qavg_pool shares it).
Result<Shape> pooled_shape(const Node& node);

}  // namespace ingot::ops
