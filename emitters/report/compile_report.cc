#include "emitters/report/compile_report.h"

#include "emitters/report/model_summary.h"

namespace ingot {
namespace {

nlohmann::ordered_json tensor_json(const Value* value) {
  return {{"name", value->name()}, {"dtype", dtype_name(value->type().dtype)}, {"shape", value->type().shape}};
}

}  // namespace

nlohmann::ordered_json compile_report(const CompileReportInput& input) {
  const Graph& graph = input.model->graph;
  nlohmann::ordered_json nodes = nlohmann::ordered_json::array();
  std::vector<Node*> list = graph.nodes();
  int64_t macs = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    const Node* node = list[i];
    nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
    for (const Value* output : node->outputs()) outputs.push_back(tensor_json(output));
    int64_t node_mac = node_macs(*node);
    macs += node_mac;
    nodes.push_back({{"name", node->name()},
                     {"source_op", node->source_op()},
                     {"op", op_name(node->op())},
                     {"kernel", (*input.kernels)[i]},
                     {"macs", node_mac},
                     {"outputs", outputs}});
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
       {{"program_bytes", input.program_bytes},
        {"flatbuffer_bytes", input.flatbuffer_bytes},
        {"constant_bytes", input.constant_bytes},
        {"arena_bytes", input.arena_bytes}}},
      {"macs", macs},
      {"warnings", input.model->warnings},
      {"nodes", nodes},
  };
}

}  // namespace ingot
