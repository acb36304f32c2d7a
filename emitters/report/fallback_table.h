// The fallback report as a readable Markdown table, rendered from
// report.json: per node the source op(s), the core op, the kernel and why it
// is not an optimized one; then totals per op type and the share of MACs on
// optimized kernels.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace ingot {

std::string fallback_table_markdown(const nlohmann::ordered_json& report);

}  // namespace ingot
