#include "emitters/report/fallback_table.h"

#include <map>

#include <fmt/format.h>

namespace ingot {
namespace {

// Table cells must not break the row.
std::string cell(std::string text) {
  for (char& c : text) {
    if (c == '|' || c == '\n') c = ' ';
  }
  return text;
}

struct OpTotals {
  int64_t nodes = 0;
  int64_t optimized = 0;
  int64_t macs = 0;
};

}  // namespace

std::string fallback_table_markdown(const nlohmann::ordered_json& report) {
  std::string out = fmt::format("# {} for target {}\n\n", cell(report["model"].get<std::string>()),
                                report["target"].get<std::string>());
  out += "| # | node | source op | op | kernel | MACs | why not optimized |\n|---|---|---|---|---|---|---|\n";
  std::map<std::string, OpTotals> per_op;
  int64_t index = 0;
  for (const auto& node : report["nodes"]) {
    const std::string op = node["op"].get<std::string>();
    OpTotals& totals = per_op[op];
    ++totals.nodes;
    totals.optimized += node["optimized"].get<bool>() ? 1 : 0;
    totals.macs += node["macs"].get<int64_t>();
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", index++, cell(node["name"].get<std::string>()),
                       cell(node["source_op"].get<std::string>()), op, node["kernel"].get<std::string>(),
                       node["macs"].get<int64_t>(), cell(node.value("fallback_reason", "")));
  }
  out += "\n| op | nodes | on optimized kernels | MACs |\n|---|---|---|---|\n";
  for (const auto& [op, totals] : per_op) {
    out += fmt::format("| {} | {} | {} | {} |\n", op, totals.nodes, totals.optimized, totals.macs);
  }
  out += fmt::format("\nMACs on optimized kernels: {:.1f}% of {}\n",
                     100.0 * report["optimized_mac_share"].get<double>(), report["macs"].get<int64_t>());
  return out;
}

}  // namespace ingot
