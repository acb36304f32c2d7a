// The ingot runtime: loads a program (model.ingot) and runs it over one
// arena, with no heap allocation inside run(). Plain C++17; errors are
// values, no exception crosses this API; the only dependency is the
// FlatBuffers header.
//
//   ingot::rt::Program program;
//   Status st = Program::load(bytes, size, ingot::rt::portable_kernels(), &program);
//   ingot::rt::Executor exec;
//   st = exec.init(program, arena, program.arena_size());   // or with a ThreadPool*
//   memcpy(exec.input(0).data, ..., exec.input(0).bytes);
//   st = exec.run();
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ingot::fb {
struct Program;
struct Instruction;
}  // namespace ingot::fb

namespace ingot::rt {

// The program format's major version this runtime reads (see docs/format.md).
// (Macros too, so that the manifest's text can spell them.)
#define INGOT_FORMAT_MAJOR 0
#define INGOT_FORMAT_MINOR 2
inline constexpr uint32_t kFormatMajor = INGOT_FORMAT_MAJOR;
inline constexpr uint32_t kFormatMinor = INGOT_FORMAT_MINOR;
inline constexpr uint32_t kFormatVersion = kFormatMajor * 1000 + kFormatMinor;
// Program files and the arena are aligned to this many bytes.
inline constexpr size_t kAlignment = 64;

enum class Error : int {
  ok = 0,
  invalid_program,      // fails the verifier, an index or size out of bounds
  unsupported_version,  // a newer format major
  missing_kernel,       // the program calls a kernel this build does not have
  invalid_argument,     // a caller mistake: a small arena, a bad index
  kernel_failed,        // a kernel met operands it cannot handle
  unsupported_cpu,      // the program needs a CPU feature this CPU lacks
};

const char* error_name(Error error);

struct Status {
  Error error = Error::ok;
  char message[512] = {};
  bool ok() const { return error == Error::ok; }
};

// Same values as the schema's DType.
enum class DType : int8_t { f32, f64, f16, bf16, i8, i16, i32, i64, u8, u16, u32, u64, boolean };
size_t dtype_size(DType dtype);
const char* dtype_name(DType dtype);

// A view of one tensor of a loaded program.
struct Tensor {
  void* data = nullptr;
  DType dtype = DType::f32;
  int32_t rank = 0;
  const int64_t* dims = nullptr;  // points into the program
  int64_t numel = 0;
  size_t bytes = 0;
  const char* name = "";

  int64_t dim(int32_t i) const { return dims[i]; }
  template <typename T>
  T* as() const { return static_cast<T*>(data); }
};

class KernelContext;
using KernelFn = Error (*)(KernelContext& ctx);

struct KernelEntry {
  const char* name;  // "add.portable"
  KernelFn fn;
};

// Bit i set: the build's kernels handle DType i (dtype_bit()).
inline constexpr uint32_t dtype_bit(DType dtype) { return uint32_t{1} << static_cast<int>(dtype); }
inline constexpr uint32_t kAllDTypes = (uint32_t{1} << (static_cast<int>(DType::boolean) + 1)) - 1;

// The kernels a runtime build can call, and the dtypes they were built for;
// programs are checked against both at load.
struct KernelSet {
  const KernelEntry* entries = nullptr;
  size_t count = 0;
  uint32_t dtypes = kAllDTypes;  // a trimmed build (ingot runtime) has fewer
};

// Every portable reference kernel (runtime-stub/kernels/portable/).
KernelSet portable_kernels();
// The portable kernels plus every optimized variant compiled into this build
// (runtime-stub/kernels/x86/ on x86-64, kernels/arm/ on AArch64). Programs
// compiled for an ISA target load against this set.
KernelSet builtin_kernels();

// What this runtime build holds, as text compiled into it (in the section
// ".ingot_manifest" of the binary, where `ingot check` reads it):
//
//   ingot-runtime-manifest 1
//   producer ingot 0.1.0
//   program-format 0.2          the format major.minor it reads
//   arch x86_64                 or aarch64, or any (portable kernels only)
//   features avx2 fma ...       CPU features its kernels are built for
//   dtypes f32 i64 ...
//   kernel add.portable         one line per kernel
//   end
const char* runtime_manifest();

// Whether this CPU has a feature a program may require: "avx2", "fma",
// "avx512f", "avx512bw", "avx512dq", "avx512vl" on x86; "neon", "dotprod" on
// AArch64 (Linux). Unknown names, or another architecture's: false.
bool cpu_supports(const char* feature);

class Program {
 public:
  // Verifies the whole file (`data` must stay alive and unchanged while the
  // Program is used, and be aligned to 16 bytes at least) and resolves every
  // kernel it calls. Constants are used in place, never copied.
  static Status load(const uint8_t* data, size_t size, const KernelSet& kernels, Program* out);

  size_t arena_size() const;
  size_t num_inputs() const;
  size_t num_outputs() const;
  const char* input_name(size_t i) const;
  const char* output_name(size_t i) const;
  const fb::Program* schema() const { return program_; }
  const uint8_t* constants() const { return constants_; }
  KernelFn kernel(size_t instruction) const { return kernels_[instruction]; }

 private:
  const fb::Program* program_ = nullptr;
  const uint8_t* constants_ = nullptr;
  std::vector<KernelFn> kernels_;  // per instruction
};

class ThreadPool;

// Watches a run instruction by instruction, e.g. a profiler timing each one:
// before() and after() are called around every instruction. They run inside
// run() and so must not allocate either.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void before(size_t instruction) = 0;
  virtual void after(size_t instruction) = 0;
};

class Executor {
 public:
  // Binds every tensor to the arena (caller-owned, kAlignment-aligned, at
  // least program.arena_size() bytes) or to the program's constants. With a
  // pool (caller-owned, outliving the executor, one run at a time), kernels
  // split their work over its threads.
  Status init(const Program& program, uint8_t* arena, size_t arena_size, ThreadPool* pool = nullptr);

  const Tensor& input(size_t i) const { return tensors_[input_ids_[i]]; }
  const Tensor& output(size_t i) const { return tensors_[output_ids_[i]]; }
  // Runs every instruction in order. No heap allocation.
  Status run(RunObserver* observer = nullptr);

 private:
  const Program* program_ = nullptr;
  ThreadPool* pool_ = nullptr;
  std::vector<Tensor> tensors_;
  std::vector<int32_t> input_ids_;
  std::vector<int32_t> output_ids_;
};

}  // namespace ingot::rt
