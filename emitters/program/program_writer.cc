#include "emitters/program/program_writer.h"

#include <map>

#include <flatbuffers/flatbuffers.h>

#include "ingot/runtime.h"
#include "ingot_generated.h"

namespace ingot {
namespace {

uint64_t align_up(uint64_t value, uint64_t alignment) { return (value + alignment - 1) / alignment * alignment; }

flatbuffers::Offset<fb::Attr> write_attr(flatbuffers::FlatBufferBuilder& b, const std::string& name,
                                         const Attribute& value) {
  auto name_offset = b.CreateString(name);
  switch (attr_type(value)) {
    case AttrType::i64: return fb::CreateAttr(b, name_offset, fb::AttrType::i64, std::get<int64_t>(value));
    case AttrType::f64: return fb::CreateAttr(b, name_offset, fb::AttrType::f64, 0, std::get<double>(value));
    case AttrType::str:
      return fb::CreateAttr(b, name_offset, fb::AttrType::str, 0, 0, b.CreateString(std::get<std::string>(value)));
    case AttrType::i64s:
      return fb::CreateAttr(b, name_offset, fb::AttrType::i64s, 0, 0, 0,
                            b.CreateVector(std::get<std::vector<int64_t>>(value)));
    case AttrType::f64s:
      return fb::CreateAttr(b, name_offset, fb::AttrType::f64s, 0, 0, 0, 0,
                            b.CreateVector(std::get<std::vector<double>>(value)));
  }
  return {};
}

}  // namespace

std::vector<uint8_t> write_program(const Graph& graph, const std::vector<std::string>& kernels, const MemoryPlan& plan,
                                   const ProgramInfo& info, ProgramSizes* sizes) {
  flatbuffers::FlatBufferBuilder b;
  std::vector<flatbuffers::Offset<fb::Tensor>> tensors;
  std::unordered_map<const Value*, int32_t> index;
  std::vector<uint8_t> segment;

  auto add_tensor = [&](const Value* value) {
    const TensorType& type = value->type();
    flatbuffers::Offset<fb::Quantization> quant;
    if (type.quant) {
      quant = fb::CreateQuantization(b, b.CreateVector(type.quant->scale), b.CreateVector(type.quant->zero_point),
                                     type.quant->axis);
    }
    uint64_t offset = 0;
    fb::Location location = fb::Location::arena;
    if (value->is_constant()) {
      location = fb::Location::constant;
      offset = align_up(segment.size(), rt::kAlignment);
      segment.resize(offset);
      segment.insert(segment.end(), value->constant()->begin(), value->constant()->end());
    } else {
      offset = plan.offsets.at(value);
    }
    index[value] = static_cast<int32_t>(tensors.size());
    tensors.push_back(fb::CreateTensor(b, b.CreateString(value->name()), static_cast<fb::DType>(type.dtype),
                                       b.CreateVector(type.shape), quant, location, offset,
                                       static_cast<uint64_t>(byte_size(type))));
  };
  for (const Value* input : graph.inputs()) add_tensor(input);
  for (const Value* constant : graph.constants()) add_tensor(constant);
  for (const Node* node : graph.nodes()) {
    for (const Value* output : node->outputs()) add_tensor(output);
  }

  // Kernel table in first-use order.
  std::map<std::string, uint32_t> kernel_index;
  std::vector<flatbuffers::Offset<fb::Kernel>> kernel_table;
  std::vector<flatbuffers::Offset<fb::Instruction>> instructions;
  std::vector<Node*> nodes = graph.nodes();
  for (size_t i = 0; i < nodes.size(); ++i) {
    const Node* node = nodes[i];
    auto [it, added] = kernel_index.emplace(kernels[i], static_cast<uint32_t>(kernel_table.size()));
    if (added) kernel_table.push_back(fb::CreateKernel(b, b.CreateString(kernels[i])));
    std::vector<int32_t> inputs;
    for (const Value* input : node->inputs()) inputs.push_back(input ? index.at(input) : -1);
    std::vector<int32_t> outputs;
    for (const Value* output : node->outputs()) outputs.push_back(index.at(output));
    std::vector<flatbuffers::Offset<fb::Attr>> attrs;
    for (const auto& [name, value] : node->attrs()) attrs.push_back(write_attr(b, name, value));
    instructions.push_back(fb::CreateInstructionDirect(b, it->second, &inputs, &outputs, &attrs,
                                                       node->name().c_str(), node->source_op().c_str()));
  }
  std::vector<int32_t> inputs, outputs;
  for (const Value* input : graph.inputs()) inputs.push_back(index.at(input));
  for (const Value* output : graph.outputs()) outputs.push_back(index.at(output));

  std::vector<flatbuffers::Offset<flatbuffers::String>> required_isa;
  for (const std::string& feature : info.required_isa) required_isa.push_back(b.CreateString(feature));
  auto program = fb::CreateProgramDirect(b, rt::kFormatVersion, info.producer.c_str(), info.source_hash.c_str(),
                                         info.target.c_str(), &tensors, &inputs, &outputs, &kernel_table,
                                         &instructions, plan.arena_size, segment.size(), &required_isa);
  b.FinishSizePrefixed(program, fb::ProgramIdentifier());

  std::vector<uint8_t> file(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
  const uint64_t flatbuffer_bytes = file.size();
  file.resize(align_up(file.size(), rt::kAlignment), 0);
  file.insert(file.end(), segment.begin(), segment.end());
  if (sizes != nullptr) *sizes = {flatbuffer_bytes, segment.size(), file.size()};
  return file;
}

}  // namespace ingot
