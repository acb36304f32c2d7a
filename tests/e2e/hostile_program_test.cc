// Hostile programs: compiled programs, mutated many thousand times (see
// program_mutator.h). Program::load must reject each with an error, or the
// program must run safely (finish, or stop with a kernel's error): never a
// crash, and under the ASan build (scripts/sanitize.sh) never an access
// outside the file or the arena.
//
// INGOT_HOSTILE_MUTATIONS (per model, default 400) and INGOT_HOSTILE_SEED
// make longer or other runs:
//   INGOT_HOSTILE_MUTATIONS=20000 build-asan/bin/ingot_hostile_program_test
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "compiler/compile.h"
#include "ingot/runtime.h"
#include "tests/e2e/program_mutator.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/common_interface_defs.h>
#define INGOT_HAVE_ASAN 1
#endif
#endif
#if !defined(INGOT_HAVE_ASAN) && defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define INGOT_HAVE_ASAN 1
#endif

namespace ingot {
namespace {

// The mutation under test, printed if the process dies, and its bytes,
// saved as hostile-program-crash.ingot (a regression input for
// tests/fuzz/regressions/program_load/).
char current[1024] = "";
const std::vector<uint8_t>* current_bytes = nullptr;

void print_current() {
  const char prefix[] = "\nhostile program test died on: ";
  (void)!write(2, prefix, sizeof(prefix) - 1);
  (void)!write(2, current, std::strlen(current));
  (void)!write(2, "\n", 1);
  if (current_bytes != nullptr) {
    int fd = ::open("hostile-program-crash.ingot", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      (void)!write(fd, current_bytes->data(), current_bytes->size());
      ::close(fd);
      const char saved[] = "its bytes are in hostile-program-crash.ingot\n";
      (void)!write(2, saved, sizeof(saved) - 1);
    }
  }
}

void on_fatal_signal(int signal) {
  print_current();
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

void report_deaths() {
#ifdef INGOT_HAVE_ASAN
  __sanitizer_set_death_callback(print_current);
#endif
  for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) ::signal(signal, on_fatal_signal);
}

// Small models with many kernels: the testdata model and ONNX backend node
// tests (Debian's libonnx-testdata, a test dependency).
const char* const kNodeTests[] = {
    "test_gather_0", "test_scatter_elements_with_axis", "test_top_k", "test_resize_upsample_scales_nearest",
    "test_constant_pad", "test_gathernd_example_int32", "test_onehot_with_axis", "test_cumsum_1d",
    "test_conv_with_strides_padding", "test_layer_normalization_2d_axis0", "test_softmax_axis_1", "test_tile",
    "test_expand_dim_changed", "test_slice", "test_split_equal_parts_1d", "test_where_example",
    "test_argmax_default_axis_example", "test_gridsample", "test_depthtospace_example", "test_tril",
    "test_reduce_mean_default_axes_keepdims_example", "test_maxpool_2d_pads", "test_averagepool_2d_pads",
    "test_convtranspose", "test_batchnorm_example", "test_instancenorm_example", "test_lrn", "test_matmul_2d",
    "test_gemm_all_attributes", "test_cast_FLOAT_to_DOUBLE", "test_quantizelinear", "test_dequantizelinear",
    "test_scatternd", "test_transpose_default", "test_concat_2d_axis_0", "test_reshape_reordered_all_dims",
    "test_lstm_defaults", "test_gru_defaults", "test_einsum_batch_matmul", "test_globalaveragepool",
    "test_mod_int64_fmod", "test_mul_bcast", "test_div", "test_clip", "test_hardswish", "test_pow",
    "test_logsoftmax_axis_1", "test_reduce_max_do_not_keepdims_example", "test_argmin_keepdims_example",
    "test_prelu_broadcast", "test_shrink_hard", "test_sign", "test_spacetodepth_example", "test_gather_elements_0",
    "test_bitshift_right_uint8", "test_isnan", "test_equal", "test_and2d", "test_not_2d", "test_erf"};

struct CompiledProgram {
  std::string name;
  std::vector<uint8_t> bytes;
};

std::vector<uint8_t> read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<CompiledProgram> compile_programs() {
  std::vector<std::pair<std::string, std::string>> models = {
      {"tiny_cnn", std::string(INGOT_SOURCE_DIR) + "/testdata/tiny_cnn.onnx"}};
  for (const char* test : kNodeTests) {
    models.emplace_back(test, std::string("/usr/share/libonnx-testdata/data/node/") + test + "/model.onnx");
  }
  std::vector<CompiledProgram> programs;
  const auto bundle = std::filesystem::temp_directory_path() / ("ingot-hostile-" + std::to_string(getpid()));
  for (const auto& [name, path] : models) {
    if (!std::filesystem::exists(path)) continue;
    if (!compile_model(path, bundle.string(), {}).ok()) continue;
    programs.push_back({name, read_bytes(bundle / "model.ingot")});
  }
  std::filesystem::remove_all(bundle);
  return programs;
}

const std::vector<CompiledProgram>& programs() {
  static const std::vector<CompiledProgram> compiled = compile_programs();
  return compiled;
}

long env_or(const char* name, long fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::strtol(value, nullptr, 10) : fallback;
}

// An exact-size, aligned copy: ASan sees a read one byte past the end.
struct AlignedBytes {
  explicit AlignedBytes(const std::vector<uint8_t>& bytes) : size(bytes.size()) {
    if (posix_memalign(reinterpret_cast<void**>(&data), rt::kAlignment, size ? size : 1) != 0) std::abort();
    if (size) std::memcpy(data, bytes.data(), size);
  }
  ~AlignedBytes() { std::free(data); }
  uint8_t* data = nullptr;
  size_t size;
};

enum class Outcome { rejected, arena_too_large, run_failed, ran };

constexpr size_t kMaxArena = size_t{64} << 20;

Outcome load_and_run(const std::vector<uint8_t>& bytes, rt::Status* why) {
  AlignedBytes file(bytes);
  rt::Program program;
  *why = rt::Program::load(file.data, file.size, rt::portable_kernels(), &program);
  if (!why->ok()) return Outcome::rejected;
  if (program.arena_size() > kMaxArena) return Outcome::arena_too_large;
  std::vector<uint8_t> storage(program.arena_size() + rt::kAlignment, 0xA5);
  auto* arena = reinterpret_cast<uint8_t*>((reinterpret_cast<uintptr_t>(storage.data()) + rt::kAlignment - 1) /
                                           rt::kAlignment * rt::kAlignment);
  rt::Executor executor;
  *why = executor.init(program, arena, program.arena_size());
  if (!why->ok()) return Outcome::rejected;
  *why = executor.run();
  return why->ok() ? Outcome::ran : Outcome::run_failed;
}

TEST(HostilePrograms, EnoughModelsCompile) {
  ASSERT_GE(programs().size(), 40u) << "too few test models compiled; is libonnx-testdata installed?";
  report_deaths();
  for (const auto& program : programs()) {
    std::snprintf(current, sizeof(current), "model %s, unmutated", program.name.c_str());
    // The arena holds a fill pattern, not real inputs: a kernel may refuse
    // the values (an index out of range), but the program must load and run.
    rt::Status status;
    const Outcome outcome = load_and_run(program.bytes, &status);
    EXPECT_TRUE(outcome == Outcome::ran || outcome == Outcome::run_failed) << program.name << ": " << status.message;
  }
}

TEST(HostilePrograms, EveryMutationIsRejectedOrRunsSafely) {
  report_deaths();
  const long per_model = env_or("INGOT_HOSTILE_MUTATIONS", 400);
  const auto seed = static_cast<uint64_t>(env_or("INGOT_HOSTILE_SEED", 1));
  long counts[4] = {};
  long tried = 0;
  for (const auto& program : programs()) {
    testing::ProgramMutator mutator(seed * 1000003 + std::hash<std::string>{}(program.name));
    for (long i = 0; i < per_model; ++i) {
      std::vector<uint8_t> bytes = program.bytes;
      const std::string what = mutator.mutate(bytes);
      std::snprintf(current, sizeof(current), "model %s, mutation %ld (seed %llu): %s", program.name.c_str(), i,
                    static_cast<unsigned long long>(seed), what.c_str());
      current_bytes = &bytes;
      rt::Status status;
      ++counts[static_cast<int>(load_and_run(bytes, &status))];
      current_bytes = nullptr;
      ++tried;
    }
  }
  current[0] = '\0';
  std::printf("hostile programs: %ld tried over %zu models: %ld rejected by the loader, %ld ran safely "
              "(%ld to the end, %ld stopped by a kernel's error), %ld loaded with an arena over %zu MiB (not run), "
              "0 crashed\n",
              tried, programs().size(), counts[0], counts[2] + counts[3], counts[3], counts[2], counts[1], kMaxArena >> 20);
  EXPECT_EQ(tried, counts[0] + counts[1] + counts[2] + counts[3]);
  // The mutations must reach both sides: the loader's checks and the kernels.
  EXPECT_GT(counts[0], tried / 10);
  EXPECT_GT(counts[2] + counts[3], tried / 20);
}

// One program of the set, for the targeted cases below.
std::vector<uint8_t> tiny_cnn() { return programs().front().bytes; }
fb::Program* edit(std::vector<uint8_t>& bytes) { return fb::GetMutableSizePrefixedProgram(bytes.data()); }

TEST(HostilePrograms, UnknownKernelNameIsNamed) {
  std::vector<uint8_t> bytes = tiny_cnn();
  auto* name = edit(bytes)->mutable_kernels()->GetMutableObject(0)->mutable_name();
  name->Mutate(name->size() - 1, 'X');
  rt::Status status;
  ASSERT_EQ(load_and_run(bytes, &status), Outcome::rejected);
  EXPECT_EQ(status.error, rt::Error::missing_kernel);
  EXPECT_NE(std::strstr(status.message, name->c_str()), nullptr) << status.message;
}

TEST(HostilePrograms, OutOfRangeOperandIsRejected) {
  std::vector<uint8_t> bytes = tiny_cnn();
  fb::Program* program = edit(bytes);
  program->mutable_instructions()->GetMutableObject(0)->mutable_inputs()->Mutate(0, program->tensors()->size());
  rt::Status status;
  ASSERT_EQ(load_and_run(bytes, &status), Outcome::rejected);
  EXPECT_EQ(status.error, rt::Error::invalid_program);
  EXPECT_NE(std::strstr(status.message, "out of range"), nullptr) << status.message;
}

TEST(HostilePrograms, HugeDimIsRejected) {
  std::vector<uint8_t> bytes = tiny_cnn();
  edit(bytes)->mutable_tensors()->GetMutableObject(0)->mutable_shape()->Mutate(0, int64_t{1} << 62);
  rt::Status status;
  ASSERT_EQ(load_and_run(bytes, &status), Outcome::rejected);
  EXPECT_NE(std::strstr(status.message, "invalid shape"), nullptr) << status.message;
}

TEST(HostilePrograms, EveryTruncationIsRejected) {
  const std::vector<uint8_t> whole = tiny_cnn();
  for (size_t size = 0; size < whole.size(); size += 1 + size / 64) {
    std::vector<uint8_t> bytes(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(size));
    rt::Status status;
    EXPECT_EQ(load_and_run(bytes, &status), Outcome::rejected) << size << " bytes";
  }
}

}  // namespace
}  // namespace ingot
