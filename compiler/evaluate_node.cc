#include "compiler/evaluate_node.h"

#include <cstdlib>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "passes/plan_memory.h"
#include "emitters/program/program_writer.h"
#include "ingot/runtime.h"

namespace ingot {
namespace {

struct AlignedFree {
  void operator()(uint8_t* p) const { std::free(p); }
};
using AlignedBuffer = std::unique_ptr<uint8_t, AlignedFree>;

AlignedBuffer aligned_copy(const std::vector<uint8_t>& bytes, size_t size) {
  const size_t rounded = (std::max<size_t>(size, 1) + rt::kAlignment - 1) / rt::kAlignment * rt::kAlignment;
  AlignedBuffer buffer(static_cast<uint8_t*>(std::aligned_alloc(rt::kAlignment, rounded)));
  if (buffer && !bytes.empty()) std::memcpy(buffer.get(), bytes.data(), bytes.size());
  return buffer;
}

// A graph holding only `node`, its constant operands and its outputs.
Graph single_node_graph(const Node& node) {
  Graph graph;
  std::vector<Value*> inputs;
  for (const Value* input : node.inputs()) {
    inputs.push_back(input == nullptr ? nullptr : graph.add_constant(input->name(), input->type(), input->constant()));
  }
  std::vector<std::string> names;
  std::vector<TensorType> types;
  for (const Value* output : node.outputs()) {
    names.push_back(output->name());
    types.push_back(output->type());
  }
  Node* copy = graph.add_node({node.op(), inputs, node.attrs(), node.name(), node.source_op()}, names, types);
  for (Value* output : copy->outputs()) graph.add_output(output);
  return graph;
}

Status runtime_error(const rt::Status& status) {
  return Status::invalid(fmt::format("the reference kernel failed: {}", status.message));
}

}  // namespace

Result<std::vector<ConstantData>> evaluate_with_reference_kernels(const Node& node) {
  Graph graph = single_node_graph(node);
  const std::string kernel = fmt::format("{}.portable", op_name(node.op()));
  const MemoryPlan plan = plan_memory_without_reuse(graph);
  const std::vector<uint8_t> bytes = write_program(graph, {kernel}, plan, {"ingot constant folding", "", "portable"});
  AlignedBuffer program_bytes = aligned_copy(bytes, bytes.size());
  AlignedBuffer arena = aligned_copy({}, plan.arena_size);
  if (!program_bytes || !arena) return Status::internal("out of memory while folding a constant");
  rt::Program program;
  rt::Status status = rt::Program::load(program_bytes.get(), bytes.size(), rt::portable_kernels(), &program);
  if (!status.ok()) return runtime_error(status);
  rt::Executor executor;
  if (status = executor.init(program, arena.get(), plan.arena_size); !status.ok()) return runtime_error(status);
  if (status = executor.run(); !status.ok()) return runtime_error(status);
  std::vector<ConstantData> outputs;
  for (size_t i = 0; i < program.num_outputs(); ++i) {
    const rt::Tensor& tensor = executor.output(i);
    const uint8_t* data = static_cast<const uint8_t*>(tensor.data);
    outputs.push_back(std::make_shared<std::vector<uint8_t>>(data, data + tensor.bytes));
  }
  return outputs;
}

}  // namespace ingot
