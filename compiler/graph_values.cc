#include "compiler/graph_values.h"

#include <cstring>

#include <fmt/format.h>

#include "emitters/program/program_writer.h"

namespace ingot {
namespace {

uint8_t* aligned_alloc_bytes(size_t size) {
  const size_t rounded = (std::max<size_t>(size, 1) + rt::kAlignment - 1) / rt::kAlignment * rt::kAlignment;
  return static_cast<uint8_t*>(std::aligned_alloc(rt::kAlignment, rounded));
}

}  // namespace

Result<std::unique_ptr<GraphValues>> GraphValues::load(const Graph& graph) {
  auto values = std::unique_ptr<GraphValues>(new GraphValues());
  values->plan_ = plan_memory_without_reuse(graph);
  std::vector<std::string> kernels;
  for (const Node* node : graph.nodes()) kernels.push_back(fmt::format("{}.portable", op_name(node->op())));
  const std::vector<uint8_t> bytes = write_program(graph, kernels, values->plan_, {"ingot calibration", "", "portable"});
  values->program_bytes_.reset(aligned_alloc_bytes(bytes.size()));
  values->arena_.reset(aligned_alloc_bytes(values->plan_.arena_size));
  if (!values->program_bytes_ || !values->arena_) return Status::internal("out of memory for the calibration program");
  std::memcpy(values->program_bytes_.get(), bytes.data(), bytes.size());
  rt::Status status = rt::Program::load(values->program_bytes_.get(), bytes.size(), rt::portable_kernels(), &values->program_);
  if (status.ok()) status = values->executor_.init(values->program_, values->arena_.get(), values->plan_.arena_size);
  if (!status.ok()) return Status::internal(fmt::format("the calibration program does not load: {}", status.message));
  return values;
}

Status GraphValues::run(const std::vector<std::vector<uint8_t>>& inputs) {
  if (inputs.size() != program_.num_inputs()) return Status::internal("wrong number of calibration inputs");
  for (size_t i = 0; i < inputs.size(); ++i) {
    const rt::Tensor& tensor = executor_.input(i);
    if (inputs[i].size() != tensor.bytes) return Status::invalid(fmt::format("input '{}' has the wrong size", tensor.name));
    std::memcpy(tensor.data, inputs[i].data(), inputs[i].size());
  }
  const rt::Status status = executor_.run();
  if (!status.ok()) return Status::invalid(fmt::format("the float program failed: {}", status.message));
  return {};
}

const uint8_t* GraphValues::data(const Value* value) const {
  if (value->is_constant()) return value->constant()->data();
  return arena_.get() + plan_.offsets.at(value);
}

}  // namespace ingot
