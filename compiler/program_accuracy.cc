#include "compiler/program_accuracy.h"

#include <cstdlib>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "compiler/sqnr.h"
#include "ingot/runtime.h"

namespace ingot {
namespace {

struct Free {
  void operator()(uint8_t* p) const { std::free(p); }
};
using AlignedBytes = std::unique_ptr<uint8_t, Free>;

AlignedBytes aligned_bytes(size_t size) {
  const size_t rounded = (std::max<size_t>(size, 1) + rt::kAlignment - 1) / rt::kAlignment * rt::kAlignment;
  return AlignedBytes(static_cast<uint8_t*>(std::aligned_alloc(rt::kAlignment, rounded)));
}

nlohmann::ordered_json skipped(const std::string& reason) { return {{"skipped", reason}}; }

}  // namespace

Result<nlohmann::ordered_json> program_output_sqnr(const std::vector<uint8_t>& program,
                                                   const std::vector<std::string>& required_features,
                                                   const QuantizationRecord& record) {
  for (const std::string& feature : required_features) {
    if (!rt::cpu_supports(feature.c_str())) return skipped(fmt::format("this CPU lacks {}, which the program needs", feature));
  }
  AlignedBytes bytes = aligned_bytes(program.size());
  if (!bytes) return Status::internal("out of memory for the program");
  std::memcpy(bytes.get(), program.data(), program.size());
  rt::Program loaded;
  const rt::Status status = rt::Program::load(bytes.get(), program.size(), rt::builtin_kernels(), &loaded);
  if (!status.ok()) return skipped(fmt::format("ingot's own runtime cannot load the program: {}", status.message));
  AlignedBytes arena = aligned_bytes(loaded.arena_size());
  rt::Executor executor;
  if (!arena) return Status::internal("out of memory for the program's arena");
  if (rt::Status ready = executor.init(loaded, arena.get(), loaded.arena_size()); !ready.ok()) {
    return Status::internal(fmt::format("the program does not start: {}", ready.message));
  }
  std::vector<SignalNoise> outputs(loaded.num_outputs());
  for (size_t s = 0; s < record.samples.size(); ++s) {
    const std::vector<std::vector<uint8_t>>& inputs = record.samples[s];
    if (inputs.size() != loaded.num_inputs()) return Status::internal("the program's inputs differ from the graph's");
    for (size_t i = 0; i < inputs.size(); ++i) {
      const rt::Tensor& slot = executor.input(i);
      if (slot.bytes != inputs[i].size()) return Status::internal(fmt::format("input '{}' changed its size", slot.name));
      std::memcpy(slot.data, inputs[i].data(), inputs[i].size());
    }
    if (rt::Status ran = executor.run(); !ran.ok()) {
      return Status::internal(fmt::format("the quantized program failed on calibration sample {}: {}", s + 1, ran.message));
    }
    for (size_t i = 0; i < outputs.size() && i < record.float_outputs[s].size(); ++i) {
      const std::vector<uint8_t>& reference = record.float_outputs[s][i];
      const rt::Tensor& out = executor.output(i);
      if (reference.empty() || out.dtype != rt::DType::f32 || out.bytes != reference.size()) continue;
      outputs[i].add(reference.data(), static_cast<const uint8_t*>(out.data), reference.size() / 4);
    }
  }
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (record.float_outputs.empty() || record.float_outputs[0][i].empty()) continue;
    list.push_back({{"name", loaded.output_name(i)}, {"sqnr_db", outputs[i].db()}});
  }
  return list;
}

}  // namespace ingot
