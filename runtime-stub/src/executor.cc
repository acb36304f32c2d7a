// Executor: binds tensors to memory once at init; run() walks the
// instructions with no allocation and no checks beyond what kernels need.
#include "ingot_generated.h"
#include "ingot/kernel.h"
#include "ingot/runtime.h"
#include "src/status_util.h"

namespace ingot::rt {

Status Executor::init(const Program& program, uint8_t* arena, size_t arena_size, ThreadPool* pool) {
  if (program.schema() == nullptr) return make_status(Error::invalid_argument, "the program is not loaded");
  if (arena_size < program.arena_size() || (arena == nullptr && program.arena_size() > 0)) {
    return make_status(Error::invalid_argument, "the arena has %zu bytes, the program needs %zu", arena_size,
                       program.arena_size());
  }
  if (reinterpret_cast<uintptr_t>(arena) % kAlignment != 0) {
    return make_status(Error::invalid_argument, "the arena must be %zu-byte aligned", kAlignment);
  }
  const fb::Program* schema = program.schema();
  program_ = &program;
  pool_ = pool;
  tensors_.assign(schema->tensors()->size(), Tensor{});
  for (size_t i = 0; i < tensors_.size(); ++i) {
    const fb::Tensor* source = schema->tensors()->Get(i);
    Tensor& tensor = tensors_[i];
    uint8_t* base = source->location() == fb::Location::constant ? const_cast<uint8_t*>(program.constants()) : arena;
    tensor.data = base + source->offset();
    tensor.dtype = static_cast<DType>(source->dtype());
    tensor.rank = source->shape() ? static_cast<int32_t>(source->shape()->size()) : 0;
    tensor.dims = source->shape() ? source->shape()->data() : nullptr;
    tensor.bytes = source->size();
    tensor.numel = 1;
    for (int32_t d = 0; d < tensor.rank; ++d) tensor.numel *= tensor.dims[d];
    tensor.name = source->name() ? source->name()->c_str() : "";
  }
  input_ids_.assign(schema->inputs()->begin(), schema->inputs()->end());
  output_ids_.assign(schema->outputs()->begin(), schema->outputs()->end());
  return {};
}

Status Executor::run(RunObserver* observer) {
  Status status;
  if (program_ == nullptr) return make_status(Error::invalid_argument, "the executor is not initialised");
  const auto* instructions = program_->schema()->instructions();
  for (size_t i = 0; i < instructions->size(); ++i) {
    const fb::Instruction* instruction = instructions->Get(i);
    KernelContext context(instruction, tensors_.data(), &status, pool_);
    if (observer != nullptr) observer->before(i);
    Error error = program_->kernel(i)(context);
    if (observer != nullptr) observer->after(i);
    if (error != Error::ok) {
      // Name the node; keep the kernel's own reason after it.
      char reason[sizeof(status.message)];
      std::snprintf(reason, sizeof(reason), "%s", status.message);
      const char* node = instruction->node_name() ? instruction->node_name()->c_str() : "";
      const char* kernel = program_->schema()->kernels()->Get(instruction->kernel())->name()->c_str();
      Status failed = make_status(error, "node '%s' (%s): %s", node, kernel, reason[0] ? reason : error_name(error));
      return failed;
    }
  }
  return status;
}

}  // namespace ingot::rt
