// The runtime's promise: Executor::run() allocates nothing. Every operator
// new in this binary is counted; the count must not move during run().
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>

#include <gtest/gtest.h>

#include "compiler/compile.h"
#include "ingot/runtime.h"

namespace {
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace ingot {
namespace {

TEST(NoAllocation, RunOfTheTestdataModelAllocatesNothing) {
  std::filesystem::path bundle = std::filesystem::temp_directory_path() / ("ingot-noalloc-" + std::to_string(getpid()));
  Result<CompileSummary> compiled =
      compile_model(std::string(INGOT_SOURCE_DIR) + "/testdata/tiny_cnn.onnx", bundle.string(), {});
  ASSERT_TRUE(compiled.ok()) << compiled.status().message();
  std::ifstream in(bundle / "model.ingot", std::ios::binary | std::ios::ate);
  const auto size = static_cast<size_t>(in.tellg());
  auto* file = static_cast<uint8_t*>(std::aligned_alloc(rt::kAlignment, (size + 63) / 64 * 64));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(file), static_cast<std::streamsize>(size));
  std::filesystem::remove_all(bundle);

  rt::Program program;
  ASSERT_TRUE(rt::Program::load(file, size, rt::portable_kernels(), &program).ok());
  auto* arena = static_cast<uint8_t*>(std::aligned_alloc(rt::kAlignment, (program.arena_size() + 63) / 64 * 64));
  rt::Executor executor;
  ASSERT_TRUE(executor.init(program, arena, program.arena_size()).ok());
  const long before = allocations.load();
  ASSERT_GT(before, 0) << "the counting operator new is not in use";
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(executor.run().ok());
  EXPECT_EQ(allocations.load() - before, 0) << "run() allocated";
  std::free(arena);
  std::free(file);
}

}  // namespace
}  // namespace ingot
