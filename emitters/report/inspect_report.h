// The three renderings of `ingot inspect`: JSON for machines (schema in
// docs/inspect-json.md), text for people, and Graphviz dot of the graph.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "emitters/report/model_summary.h"
#include "ir/graph.h"

namespace ingot {

nlohmann::ordered_json inspect_json(const ModelSummary& summary);
std::string inspect_text(const ModelSummary& summary);
std::string graph_dot(const Graph& graph);

}  // namespace ingot
