// Parses the text form written by print_graph. Errors name line and column.
#pragma once

#include <string_view>

#include "ir/graph.h"
#include "ir/status.h"

namespace ingot {

Result<Graph> parse_graph(std::string_view text);

}  // namespace ingot
