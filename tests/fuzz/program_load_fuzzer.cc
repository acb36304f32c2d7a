// Fuzz target: the runtime's program loader, then init and run of every
// program it accepts (on an arena of at most kMaxArena bytes).
//
// Program::load must reject a bad file with a status; a program it accepts
// must run without reading or writing outside its file and arena (a kernel
// may still refuse its operands with a status).
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "ingot/runtime.h"

namespace {

constexpr size_t kMaxArena = size_t{64} << 20;

// Exactly `size` bytes, so that ASan sees any read past the end.
uint8_t* aligned_copy(const uint8_t* data, size_t size) {
  void* copy = nullptr;
  if (posix_memalign(&copy, ingot::rt::kAlignment, size ? size : 1) != 0) std::abort();
  if (size) std::memcpy(copy, data, size);
  return static_cast<uint8_t*>(copy);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  uint8_t* file = aligned_copy(data, size);
  ingot::rt::Program program;
  ingot::rt::Status status = ingot::rt::Program::load(file, size, ingot::rt::portable_kernels(), &program);
  if (status.ok() && program.arena_size() <= kMaxArena) {
    uint8_t* arena = nullptr;
    const size_t arena_size = program.arena_size();
    if (posix_memalign(reinterpret_cast<void**>(&arena), ingot::rt::kAlignment, arena_size ? arena_size : 1) != 0) {
      std::abort();
    }
    // Inputs hold a pattern derived from the file, so that index operands
    // (gather, scatter, one_hot) see arbitrary values, not only zeros.
    std::memset(arena, size ? data[size - 1] : 0, arena_size);
    ingot::rt::Executor executor;
    if (executor.init(program, arena, arena_size).ok()) {
      (void)executor.run();
      (void)executor.run();  // a second run must be as safe as the first
    }
    std::free(arena);
  }
  std::free(file);
  return 0;
}
