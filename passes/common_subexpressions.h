// Common subexpressions: two nodes with the same op, operands and attributes
// compute the same values, so the later one's uses move to the earlier one.
// Constants with the same type and bytes are merged the same way, which lets
// nodes over duplicated weights (as exporters often write) merge too.
#pragma once

#include "ir/graph.h"

namespace ingot {

// Returns the number of nodes and constants merged away.
int64_t merge_common_subexpressions(Graph& graph);

}  // namespace ingot
