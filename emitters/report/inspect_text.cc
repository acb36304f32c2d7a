#include <fmt/format.h>

#include "emitters/report/inspect_report.h"

namespace ingot {
namespace {

std::string tensor_lines(const std::vector<TensorSummary>& list) {
  std::string text;
  for (const TensorSummary& tensor : list) text += fmt::format("  {:<24} {}\n", tensor.name, type_to_string(tensor.type));
  return text;
}

std::string histogram_lines(const std::map<std::string, int64_t>& histogram) {
  std::string text;
  for (const auto& [op, count] : histogram) text += fmt::format("  {:<24} {:>6}\n", op, count);
  return text;
}

// 1234567 -> "1.23 M"
std::string human(int64_t value) {
  if (value >= 1'000'000'000) return fmt::format("{:.2f} G", value / 1e9);
  if (value >= 1'000'000) return fmt::format("{:.2f} M", value / 1e6);
  if (value >= 1'000) return fmt::format("{:.2f} K", value / 1e3);
  return std::to_string(value);
}

}  // namespace

std::string inspect_text(const ModelSummary& summary) {
  std::string text = fmt::format("model      {}\nformat     {} (opset {}, producer '{}')\n", summary.path,
                                 summary.format, summary.opset, summary.producer);
  text += fmt::format("parameters {} ({} bytes)\nMACs       {}\n", human(summary.parameters),
                      summary.parameter_bytes, human(summary.macs));
  text += "\ninputs\n" + tensor_lines(summary.inputs);
  text += "outputs\n" + tensor_lines(summary.outputs);
  text += fmt::format("\nsource ops ({} nodes)\n", summary.source_nodes) + histogram_lines(summary.source_ops);
  text += fmt::format("core ops ({} nodes)\n", summary.core_nodes) + histogram_lines(summary.core_ops);
  if (summary.unmapped.empty()) {
    text += "\nevery op maps onto ingot's core ops\n";
  } else {
    text += fmt::format("\n{} node(s) ingot cannot map\n", summary.unmapped.size());
    for (const UnmappedNode& node : summary.unmapped) {
      text += fmt::format("  '{}' ({}): {}\n", node.node_name, node.op_type, node.reason);
    }
  }
  for (const std::string& warning : summary.warnings) text += "warning: " + warning + "\n";
  return text;
}

}  // namespace ingot
