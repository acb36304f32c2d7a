// Program::load: every check a hostile or corrupt file needs happens here, once,
// so that Executor::run can trust indices and sizes.
#include <cstring>
#include <string>

#include "ingot_generated.h"
#include "ingot/runtime.h"
#include "src/status_util.h"

namespace ingot::rt {
namespace {

constexpr int64_t kMaxElements = int64_t{1} << 40;

size_t align_up(size_t value, size_t alignment) { return (value + alignment - 1) / alignment * alignment; }

// The FlatBuffer verifier checks a vector's length field (4-byte aligned),
// not its elements: a [long] or [double] vector of a corrupt file may start
// at an address that its 8-byte elements cannot be read from (an empty one
// may, and is never read).
template <typename T>
bool aligned(const flatbuffers::Vector<T>* vector) {
  return vector == nullptr || vector->size() == 0 || reinterpret_cast<uintptr_t>(vector->data()) % alignof(T) == 0;
}

Status check_attrs(const fb::Instruction* instruction, size_t index) {
  if (instruction->attrs() == nullptr) return {};
  for (const fb::Attr* attr : *instruction->attrs()) {
    if (!aligned(attr->ints()) || !aligned(attr->floats())) {
      return make_status(Error::invalid_program, "instruction %zu: a parameter list is misaligned", index);
    }
  }
  return {};
}

// Checks that a tensor's shape, size and location are consistent and in bounds.
Status check_tensor(const fb::Tensor* tensor, size_t index, uint64_t arena_size, uint64_t constants_size) {
  const char* name = tensor->name() ? tensor->name()->c_str() : "?";
  if (tensor->dtype() < fb::DType::MIN || tensor->dtype() > fb::DType::MAX) {
    return make_status(Error::invalid_program, "tensor %zu ('%s') has an unknown dtype", index, name);
  }
  const fb::Quantization* quant = tensor->quantization();
  if (!aligned(tensor->shape()) || (quant && (!aligned(quant->scale()) || !aligned(quant->zero_point())))) {
    return make_status(Error::invalid_program, "tensor %zu ('%s') has a misaligned shape or quantization", index, name);
  }
  int64_t numel = 1;
  if (tensor->shape()) {
    for (int64_t dim : *tensor->shape()) {
      // Each dim too, not only the product: [0, 2^62] has no elements, but
      // kernels multiply dims with one another.
      if (dim < 0 || dim > kMaxElements || (dim != 0 && numel > kMaxElements / dim)) {
        return make_status(Error::invalid_program, "tensor %zu ('%s') has an invalid shape", index, name);
      }
      numel *= dim;
    }
  }
  const uint64_t bytes = static_cast<uint64_t>(numel) * dtype_size(static_cast<DType>(tensor->dtype()));
  if (tensor->size() != bytes) {
    return make_status(Error::invalid_program, "tensor %zu ('%s') declares %llu bytes, its shape needs %llu", index,
                       name, static_cast<unsigned long long>(tensor->size()), static_cast<unsigned long long>(bytes));
  }
  // Kernels read elements in place: the offset must suit every dtype.
  if (tensor->offset() % kAlignment != 0) {
    return make_status(Error::invalid_program, "tensor %zu ('%s') has offset %llu, not a multiple of %zu", index, name,
                       static_cast<unsigned long long>(tensor->offset()), kAlignment);
  }
  const uint64_t limit = tensor->location() == fb::Location::constant ? constants_size : arena_size;
  if (tensor->location() > fb::Location::MAX || tensor->offset() > limit || bytes > limit - tensor->offset()) {
    return make_status(Error::invalid_program, "tensor %zu ('%s') lies outside its %s", index, name,
                       tensor->location() == fb::Location::constant ? "constant segment" : "arena");
  }
  return {};
}

Status check_indices(const flatbuffers::Vector<int32_t>* ids, const fb::Program* program, bool allow_absent,
                     bool must_be_arena, const char* what, size_t instruction) {
  if (ids == nullptr) return {};
  const size_t count = program->tensors()->size();
  for (int32_t id : *ids) {
    if (id == -1 && allow_absent) continue;
    if (id < 0 || static_cast<size_t>(id) >= count) {
      return make_status(Error::invalid_program, "instruction %zu: %s tensor index %d is out of range", instruction,
                         what, id);
    }
    if (must_be_arena && program->tensors()->Get(id)->location() != fb::Location::arena) {
      return make_status(Error::invalid_program, "instruction %zu: %s tensor %d is not in the arena", instruction,
                         what, id);
    }
  }
  return {};
}

KernelFn find_kernel(const KernelSet& kernels, const char* name) {
  for (size_t i = 0; i < kernels.count; ++i) {
    if (std::strcmp(kernels.entries[i].name, name) == 0) return kernels.entries[i].fn;
  }
  return nullptr;
}

}  // namespace

Status Program::load(const uint8_t* data, size_t size, const KernelSet& kernels, Program* out) {
  if (data == nullptr || out == nullptr) return make_status(Error::invalid_argument, "null program or output");
  if (reinterpret_cast<uintptr_t>(data) % 16 != 0) {
    return make_status(Error::invalid_argument, "the program's bytes must be 16-byte aligned");
  }
  if (size < 8) return make_status(Error::invalid_program, "the file is too small to be a program (%zu bytes)", size);
  const uint32_t flatbuffer_size = flatbuffers::GetPrefixedSize(data);
  if (flatbuffer_size > size - sizeof(uint32_t)) {
    return make_status(Error::invalid_program, "the file is truncated (%zu bytes, the program says %u)", size,
                       flatbuffer_size);
  }
  // The root offset and the file identifier must lie inside the FlatBuffer
  // before the identifier is read.
  if (flatbuffer_size < sizeof(flatbuffers::uoffset_t) + flatbuffers::kFileIdentifierLength) {
    return make_status(Error::invalid_program, "the FlatBuffer is too small to be a program (%u bytes)", flatbuffer_size);
  }
  if (!flatbuffers::BufferHasIdentifier(data + sizeof(uint32_t), fb::ProgramIdentifier())) {
    return make_status(Error::invalid_program, "not an ingot program (file identifier is not '%s')",
                       fb::ProgramIdentifier());
  }
  flatbuffers::Verifier verifier(data, sizeof(uint32_t) + flatbuffer_size);
  if (!fb::VerifySizePrefixedProgramBuffer(verifier)) {
    return make_status(Error::invalid_program, "the program fails the FlatBuffer verifier");
  }
  const fb::Program* program = fb::GetSizePrefixedProgram(data);
  if (program->format_version() / 1000 != kFormatMajor) {
    return make_status(Error::unsupported_version, "program format %u.%u; this runtime reads %u.x",
                       program->format_version() / 1000, program->format_version() % 1000, kFormatMajor);
  }
  if (program->required_isa() != nullptr) {
    for (const flatbuffers::String* feature : *program->required_isa()) {
      if (!cpu_supports(feature->c_str())) {
        return make_status(Error::unsupported_cpu,
                           "the program was compiled for target '%s', which needs the CPU feature %s; this CPU lacks "
                           "it (compile for a target this CPU has; docs/targets.md)",
                           program->target() ? program->target()->c_str() : "?", feature->c_str());
      }
    }
  }
  if (!program->tensors() || !program->instructions() || !program->kernels() || !program->inputs() ||
      !program->outputs()) {
    return make_status(Error::invalid_program, "the program lacks tensors, kernels, instructions, inputs or outputs");
  }
  const size_t segment_offset = align_up(sizeof(uint32_t) + flatbuffer_size, kAlignment);
  const uint64_t segment_size = program->constant_segment_size();
  if (segment_offset > size || segment_size > size - segment_offset) {
    return make_status(Error::invalid_program, "the constant segment (%llu bytes) runs past the end of the file",
                       static_cast<unsigned long long>(segment_size));
  }
  for (size_t i = 0; i < program->tensors()->size(); ++i) {
    const fb::Tensor* tensor = program->tensors()->Get(i);
    Status status = check_tensor(tensor, i, program->arena_size(), segment_size);
    if (!status.ok()) return status;
    const DType dtype = static_cast<DType>(tensor->dtype());
    if ((kernels.dtypes & dtype_bit(dtype)) == 0) {
      return make_status(Error::missing_kernel, "tensor %zu ('%s') is %s, a dtype this runtime is built without", i,
                         tensor->name() ? tensor->name()->c_str() : "?", dtype_name(dtype));
    }
  }
  for (auto [ids, what] : {std::pair{program->inputs(), "input"}, std::pair{program->outputs(), "output"}}) {
    Status status = check_indices(ids, program, false, true, what, 0);
    if (!status.ok()) return status;
  }

  Program loaded;
  loaded.program_ = program;
  loaded.constants_ = data + segment_offset;
  loaded.kernels_.reserve(program->instructions()->size());
  std::string missing;
  for (size_t i = 0; i < program->instructions()->size(); ++i) {
    const fb::Instruction* instruction = program->instructions()->Get(i);
    // Kernels read output(0) without asking how many outputs there are.
    if (instruction->outputs() == nullptr || instruction->outputs()->size() == 0) {
      return make_status(Error::invalid_program, "instruction %zu has no output", i);
    }
    Status status = check_attrs(instruction, i);
    if (status.ok()) status = check_indices(instruction->inputs(), program, true, false, "input", i);
    if (status.ok()) status = check_indices(instruction->outputs(), program, false, true, "output", i);
    if (!status.ok()) return status;
    if (instruction->kernel() >= program->kernels()->size()) {
      return make_status(Error::invalid_program, "instruction %zu: kernel index %u is out of range", i,
                         instruction->kernel());
    }
    const fb::Kernel* kernel = program->kernels()->Get(instruction->kernel());
    const char* name = kernel->name() ? kernel->name()->c_str() : "";
    KernelFn fn = find_kernel(kernels, name);
    if (fn == nullptr && missing.find(std::string("'") + name + "'") == std::string::npos) {
      missing += (missing.empty() ? "'" : ", '") + std::string(name) + "'";
    }
    loaded.kernels_.push_back(fn);
  }
  if (!missing.empty()) {
    return make_status(Error::missing_kernel, "this runtime lacks the kernels %s", missing.c_str());
  }
  *out = std::move(loaded);
  return {};
}

size_t Program::arena_size() const { return program_->arena_size(); }
size_t Program::num_inputs() const { return program_->inputs()->size(); }
size_t Program::num_outputs() const { return program_->outputs()->size(); }

const char* Program::input_name(size_t i) const {
  const auto* name = program_->tensors()->Get(program_->inputs()->Get(i))->name();
  return name ? name->c_str() : "";
}

const char* Program::output_name(size_t i) const {
  const auto* name = program_->tensors()->Get(program_->outputs()->Get(i))->name();
  return name ? name->c_str() : "";
}

}  // namespace ingot::rt
