#include "compiler/program_needs.h"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "ingot_generated.h"

namespace ingot {
namespace fs = std::filesystem;
namespace {

std::string program_file_of(const std::string& path) {
  std::error_code error;
  return fs::is_directory(path, error) ? (fs::path(path) / "model.ingot").string() : path;
}

}  // namespace

Result<ProgramNeeds> program_needs(const uint8_t* data, size_t size, const std::string& file) {
  const auto bad = [&](const std::string& why) { return Status::invalid(fmt::format("{}: {}", file, why)); };
  if (size < 8 || flatbuffers::GetPrefixedSize(data) > size - sizeof(uint32_t)) {
    return bad("not an ingot program (too small or truncated)");
  }
  const uint32_t flatbuffer_size = flatbuffers::GetPrefixedSize(data);
  if (flatbuffer_size < 8 || !flatbuffers::BufferHasIdentifier(data + sizeof(uint32_t), fb::ProgramIdentifier())) {
    return bad(fmt::format("not an ingot program (file identifier is not '{}')", fb::ProgramIdentifier()));
  }
  flatbuffers::Verifier verifier(data, sizeof(uint32_t) + flatbuffer_size);
  if (!fb::VerifySizePrefixedProgramBuffer(verifier)) return bad("the program fails the FlatBuffer verifier");
  const fb::Program* program = fb::GetSizePrefixedProgram(data);
  if (!program->tensors() || !program->kernels() || !program->instructions()) {
    return bad("the program lacks tensors, kernels or instructions");
  }
  ProgramNeeds info;
  info.file = file;
  info.format_version = program->format_version();
  info.target = program->target() ? program->target()->str() : "";
  if (program->required_isa()) {
    for (const flatbuffers::String* feature : *program->required_isa()) info.required_features.push_back(feature->str());
  }
  const auto* tensors = program->tensors();
  std::vector<DType> dtype_of;
  for (const fb::Tensor* tensor : *tensors) {
    const auto dtype = static_cast<DType>(tensor->dtype());
    if (tensor->dtype() < fb::DType::MIN || tensor->dtype() > fb::DType::MAX) return bad("a tensor has an unknown dtype");
    dtype_of.push_back(dtype);
    info.tensor_dtypes.emplace(dtype, tensor->name() ? tensor->name()->str() : "?");
  }
  for (const fb::Kernel* kernel : *program->kernels()) {
    info.kernels.push_back({kernel->name() ? kernel->name()->str() : "", {}, {}, 0});
  }
  for (const fb::Instruction* instruction : *program->instructions()) {
    if (instruction->kernel() >= info.kernels.size()) return bad("an instruction's kernel index is out of range");
    ProgramKernelUse& use = info.kernels[instruction->kernel()];
    ++use.instructions;
    if (instruction->source_op()) use.source_ops.insert(instruction->source_op()->str());
    for (const auto* ids : {instruction->inputs(), instruction->outputs()}) {
      if (ids == nullptr) continue;
      for (int32_t id : *ids) {
        if (id >= 0 && static_cast<size_t>(id) < dtype_of.size()) use.dtypes.insert(dtype_of[id]);
      }
    }
  }
  return info;
}

Result<ProgramNeeds> read_program_needs(const std::string& path) {
  const std::string file = program_file_of(path);
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::invalid(fmt::format("{}: cannot be read", file));
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return program_needs(bytes.data(), bytes.size(), file);
}

bool is_program_path(const std::string& path) {
  std::ifstream in(program_file_of(path), std::ios::binary);
  // A size prefix, the root offset, then the file identifier.
  char head[12] = {};
  if (!in.read(head, sizeof(head))) return false;
  return std::string_view(head + 8, 4) == fb::ProgramIdentifier();
}

}  // namespace ingot
