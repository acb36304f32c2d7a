// The IR's stable text form. `parse_graph(print_graph(g))` rebuilds g exactly
// (tests/ir/text_roundtrip_test.cc); docs/ir-text.md describes the syntax.
#pragma once

#include <cstddef>
#include <string>

#include "ir/graph.h"

namespace ingot {

struct PrintOptions {
  // Replace the data of constants larger than this many bytes by a size
  // note; such text no longer parses. For people (`ingot inspect --ir`).
  bool elide_large_constants = false;
  size_t elide_above_bytes = 64;
};

std::string print_graph(const Graph& graph, const PrintOptions& options = {});

}  // namespace ingot
