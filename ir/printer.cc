// PLACEHOLDER: to be written.
#include "ir/printer.h"

namespace ingot {

std::string print_graph(const Graph& graph, const PrintOptions& options) { return ""; }

}  // namespace ingot
