// PLACEHOLDER: to be written.
#include "ir/parser.h"

namespace ingot {

Result<Graph> parse_graph(std::string_view text) { return Status::internal("not written"); }

}  // namespace ingot
