// Small building blocks that passes share: emitting a node in the right
// place with its types inferred by the op table, making constants, reading
// constant scalars, counting uses and sweeping dead nodes.
#pragma once

#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ir/graph.h"
#include "ir/status.h"

namespace ingot {

// Inserts `op(inputs){attrs}` just before `anchor` (the node being rewritten),
// named after it and carrying its location, with output types from the op's
// shape rule. Returns the node's first output.
Result<Value*> emit_before(Graph& graph, const Node& anchor, OpKind op, std::vector<Value*> inputs,
                           AttrMap attrs = {});

// A new constant holding `values` converted to `dtype` (f32, f64, f16, bf16 or
// an integer type).
Value* add_constant_values(Graph& graph, std::string_view name, DType dtype, Shape shape,
                           const std::vector<double>& values);

// The constant's elements as doubles, when it is a constant of a numeric type.
std::optional<std::vector<double>> constant_values(const Value* value);
// The single value every element of a constant holds, when there is one.
std::optional<double> splat_value(const Value* value);

// How many node operands and graph outputs refer to each value.
std::unordered_map<const Value*, int> count_uses(const Graph& graph);

// Removes every node none of whose outputs is used (transitively) and every
// unused constant. Returns the number of nodes removed.
int64_t erase_dead_nodes(Graph& graph);

// Makes `node`'s only output's uses use `replacement` when the graph allows
// it (see Graph::can_replace); the node is left dead for erase_dead_nodes.
bool forward_output(Graph& graph, Node& node, Value* replacement);

}  // namespace ingot
