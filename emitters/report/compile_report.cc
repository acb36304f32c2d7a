#include "emitters/report/compile_report.h"

#include "emitters/report/model_summary.h"

namespace ingot {
namespace {

nlohmann::ordered_json tensor_json(const Value* value) {
  return {{"name", value->name()}, {"dtype", dtype_name(value->type().dtype)}, {"shape", value->type().shape}};
}

nlohmann::ordered_json passes_json(const std::vector<PassRecord>& passes) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const PassRecord& pass : passes) {
    list.push_back({{"name", pass.name},
                    {"ran", pass.ran},
                    {"nodes_before", pass.nodes_before},
                    {"nodes_after", pass.nodes_after},
                    {"changes", pass.changes}});
  }
  return list;
}

double ratio(uint64_t a, uint64_t b) { return b == 0 ? 1.0 : static_cast<double>(a) / static_cast<double>(b); }

nlohmann::ordered_json memory_json(const MemoryPlan& plan) {
  return {{"arena_bytes", plan.arena_size},
          {"lower_bound_bytes", plan.lower_bound},
          {"naive_bytes", plan.naive_size},
          {"arena_over_lower_bound", ratio(plan.arena_size, plan.lower_bound)},
          {"arena_over_naive", ratio(plan.arena_size, plan.naive_size)},
          {"algorithm", plan.algorithm},
          {"aliased_values", plan.aliased}};
}

}  // namespace

nlohmann::ordered_json compile_report(const CompileReportInput& input) {
  const Graph& graph = input.model->graph;
  nlohmann::ordered_json nodes = nlohmann::ordered_json::array();
  std::vector<Node*> list = graph.nodes();
  int64_t macs = 0;
  int64_t optimized_macs = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    const Node* node = list[i];
    nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
    for (const Value* output : node->outputs()) outputs.push_back(tensor_json(output));
    const KernelChoice& kernel = (*input.kernels)[i];
    const int64_t node_mac = node_macs(*node);
    macs += node_mac;
    if (kernel.optimized) optimized_macs += node_mac;
    nlohmann::ordered_json entry = {{"name", node->name()},
                                    {"source_op", node->source_op()},
                                    {"op", op_name(node->op())},
                                    {"kernel", kernel.kernel},
                                    {"optimized", kernel.optimized},
                                    {"macs", node_mac},
                                    {"outputs", outputs}};
    if (!kernel.fallback_reason.empty()) entry["fallback_reason"] = kernel.fallback_reason;
    if (node->has_attr("activation")) entry["fused_activation"] = node->attr_s("activation");
    nodes.push_back(std::move(entry));
  }
  nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
  for (const Value* value : graph.inputs()) inputs.push_back(tensor_json(value));
  nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
  for (const Value* value : graph.outputs()) outputs.push_back(tensor_json(value));
  return {
      {"schema", "ingot.compile/1"},
      {"model", input.model_path},
      {"source_sha256", input.source_hash},
      {"target", input.target},
      {"inputs", inputs},
      {"outputs", outputs},
      {"sizes",
       {{"program_bytes", input.sizes.total_bytes},
        {"flatbuffer_bytes", input.sizes.flatbuffer_bytes},
        {"constant_bytes", input.sizes.constant_bytes},
        {"arena_bytes", input.plan->arena_size}}},
      {"macs", macs},
      {"optimized_mac_share", macs == 0 ? 0.0 : static_cast<double>(optimized_macs) / static_cast<double>(macs)},
      {"node_count", {{"imported", input.imported_nodes}, {"compiled", static_cast<int64_t>(list.size())}}},
      {"passes", passes_json(*input.passes)},
      {"memory", memory_json(*input.plan)},
      {"warnings", input.model->warnings},
      {"nodes", nodes},
  };
}

}  // namespace ingot
