#include <nlohmann/json.hpp>

#include "emitters/report/inspect_report.h"

namespace ingot {
namespace {

nlohmann::ordered_json tensors(const std::vector<TensorSummary>& list) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const TensorSummary& tensor : list) {
    out.push_back({{"name", tensor.name}, {"dtype", dtype_name(tensor.type.dtype)}, {"shape", tensor.type.shape}});
  }
  return out;
}

}  // namespace

nlohmann::ordered_json inspect_json(const ModelSummary& summary) {
  nlohmann::ordered_json unmapped = nlohmann::ordered_json::array();
  for (const UnmappedNode& node : summary.unmapped) {
    unmapped.push_back({{"node", node.node_name}, {"op", node.op_type}, {"reason", node.reason}});
  }
  nlohmann::ordered_json declared = nlohmann::ordered_json::object();
  for (const auto& [op, ops] : summary.declared_core_ops) {
    declared[op] = ops ? nlohmann::ordered_json(*ops) : nlohmann::ordered_json(nullptr);
  }
  return {
      {"schema", "ingot.inspect/1"},
      {"model", summary.path},
      {"format", summary.format},
      {"opset", summary.opset},
      {"producer", summary.producer},
      {"inputs", tensors(summary.inputs)},
      {"outputs", tensors(summary.outputs)},
      {"source_ops", {{"total", summary.source_nodes}, {"histogram", summary.source_ops}}},
      {"core_ops", {{"total", summary.core_nodes}, {"histogram", summary.core_ops}}},
      {"parameters", {{"count", summary.parameters}, {"bytes", summary.parameter_bytes}}},
      {"macs", summary.macs},
      {"unmapped", unmapped},
      {"warnings", summary.warnings},
      {"core_ops_by_source", summary.core_ops_by_source},
      {"declared_core_ops", declared},
  };
}

}  // namespace ingot
