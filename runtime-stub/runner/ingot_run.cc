// ingot-run: runs a compiled program with the runtime alone, on the device
// or under an emulator (the aarch64 tests run it under qemu). The same
// command line and exit codes as `ingot run` for .npy inputs (docs/cli.md):
//
//   ingot-run PROGRAM --input NAME=FILE.npy ... [--output-dir DIR] [--threads N] [--repeat N] [--warmup N]
//   ingot-run --manifest    prints what this build holds (runtime_manifest())
//
// PROGRAM is a model.ingot or a bundle directory holding one. Each output is
// written as DIR/<output name>.npy. Exit codes: 0 ok, 1 usage, 2 invalid
// input (a file, a program this runtime or CPU refuses, an input of the
// wrong type), 3 internal error. Plain C++17 and the runtime only.
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ingot/runtime.h"
#include "ingot/thread_pool.h"
#include "runner/npy.h"
#include "runner/program_file.h"

namespace {

using namespace ingot::rt;

enum Exit { kOk = 0, kUsage = 1, kInvalid = 2, kInternal = 3 };

struct Failure {
  Exit code;
  std::string message;
};

constexpr const char* kUsageText =
    "usage: ingot-run PROGRAM --input NAME=FILE.npy ... [--output-dir DIR] [--threads N] [--repeat N] [--warmup N]\n"
    "       ingot-run --manifest   (what this runtime build holds: kernels, dtypes, CPU features)";

struct Options {
  std::string program;
  std::vector<std::pair<std::string, std::string>> inputs;  // NAME, FILE
  std::string output_dir;
  int threads = 1;  // this one included
  int repeat = 0;
  int warmup = 0;
};

bool parse_count(const char* text, int* out) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < 0 || value > 1000000) return false;
  *out = static_cast<int>(value);
  return true;
}

bool parse_args(int argc, char** argv, Options* options, Failure* failure) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--help" || arg == "-h") {
      *failure = {kOk, kUsageText};
      return false;
    }
    if (arg == "--manifest") {
      *failure = {kOk, runtime_manifest()};
      return false;
    }
    if (arg == "--input" || arg == "--output-dir" || arg == "--threads" || arg == "--repeat" || arg == "--warmup") {
      if (!has_value) {
        *failure = {kUsage, arg + " needs a value"};
        return false;
      }
      const char* value = argv[++i];
      if (arg == "--input") {
        const char* eq = std::strchr(value, '=');
        if (eq == nullptr || eq == value) {
          *failure = {kUsage, std::string("--input '") + value + "' must look like NAME=FILE"};
          return false;
        }
        options->inputs.emplace_back(std::string(value, eq), std::string(eq + 1));
      } else if (arg == "--output-dir") {
        options->output_dir = value;
      } else if (arg == "--threads") {
        if (!parse_count(value, &options->threads) || options->threads < 1) {
          *failure = {kUsage, std::string("--threads takes a count of at least 1, not '") + value + "'"};
          return false;
        }
      } else if (!parse_count(value, arg == "--repeat" ? &options->repeat : &options->warmup)) {
        *failure = {kUsage, arg + " takes a count, not '" + value + "'"};
        return false;
      }
    } else if (!arg.empty() && arg[0] == '-') {
      *failure = {kUsage, "unknown option " + arg};
      return false;
    } else if (options->program.empty()) {
      options->program = arg;
    } else {
      *failure = {kUsage, "one program only (also given: " + arg + ")"};
      return false;
    }
  }
  if (options->program.empty()) {
    *failure = {kUsage, "no program given"};
    return false;
  }
  return true;
}

std::string type_text(DType dtype, const int64_t* dims, size_t rank) {
  std::string text = std::string(dtype_name(dtype)) + "[";
  for (size_t i = 0; i < rank; ++i) text += (i ? "," : "") + std::to_string(dims[i]);
  return text + "]";
}

bool is_directory(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

bool bind_inputs(const Options& options, const Program& program, const Executor& executor, Failure* failure) {
  std::map<std::string, std::string> files(options.inputs.begin(), options.inputs.end());
  std::string names;
  for (size_t i = 0; i < program.num_inputs(); ++i) names += (i ? ", " : "") + std::string(program.input_name(i));
  for (const auto& [name, file] : files) {
    bool known = false;
    for (size_t i = 0; i < program.num_inputs(); ++i) known = known || name == program.input_name(i);
    if (!known) {
      *failure = {kInvalid, "the program has no input '" + name + "' (its inputs: " + names + ")"};
      return false;
    }
  }
  for (size_t i = 0; i < program.num_inputs(); ++i) {
    const Tensor& slot = executor.input(i);
    const std::string expected = type_text(slot.dtype, slot.dims, static_cast<size_t>(slot.rank));
    auto it = files.find(program.input_name(i));
    if (it == files.end()) {
      *failure = {kInvalid, "input '" + std::string(slot.name) + "' is not given; it expects " + expected + " (--input " +
                                slot.name + "=FILE)"};
      return false;
    }
    npy::Array array;
    if (std::string error = npy::read(it->second, &array); !error.empty()) {
      *failure = {kInvalid, error};
      return false;
    }
    // numpy has no bfloat16: such data arrives as the uint16 bits.
    if (slot.dtype == DType::bf16 && array.dtype == DType::u16) array.dtype = DType::bf16;
    const bool same_shape = array.shape.size() == static_cast<size_t>(slot.rank) &&
                            std::equal(array.shape.begin(), array.shape.end(), slot.dims);
    if (array.dtype != slot.dtype || !same_shape) {
      *failure = {kInvalid, "input '" + std::string(slot.name) + "' expects " + expected + ", but " + it->second +
                                " holds " + type_text(array.dtype, array.shape.data(), array.shape.size())};
      return false;
    }
    if (slot.bytes > 0) std::memcpy(slot.data, array.bytes.data(), slot.bytes);  // an empty tensor may have no data
  }
  return true;
}

// Output file name: the tensor's name with anything unsafe for a path replaced.
std::string file_name_for(const std::string& name) {
  std::string safe = name;
  for (char& c : safe) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '.';
    if (!ok) c = '_';
  }
  return (safe.empty() || safe[0] == '.' ? "_" + safe : safe) + ".npy";
}

// Writes to a temporary file and renames it, so that no half-written output is left.
bool write_file(const std::string& path, const std::string& bytes, Failure* failure) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::remove(temporary.c_str());
      *failure = {kInvalid, path + ": cannot be written"};
      return false;
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    *failure = {kInvalid, path + ": cannot be written"};
    return false;
  }
  return true;
}

bool write_outputs(const Options& options, const Program& program, const Executor& executor, Failure* failure) {
  if (mkdir(options.output_dir.c_str(), 0777) != 0 && !is_directory(options.output_dir)) {
    *failure = {kInvalid, options.output_dir + ": cannot be created"};
    return false;
  }
  for (size_t i = 0; i < program.num_outputs(); ++i) {
    const Tensor& out = executor.output(i);
    const std::string bytes = npy::file_bytes(out.dtype, out.dims, static_cast<size_t>(out.rank), out.data, out.bytes);
    if (!write_file(options.output_dir + "/" + file_name_for(out.name), bytes, failure)) return false;
  }
  return true;
}

double elapsed_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

bool run_once(Executor& executor, Failure* failure) {
  const Status status = executor.run();
  if (!status.ok()) *failure = {kInvalid, std::string("run failed: ") + status.message};
  return status.ok();
}

bool run(const Options& options, Failure* failure) {
  // Start-up: from opening the file to an executor ready to run.
  const auto load_start = std::chrono::steady_clock::now();
  ingot::runner::ProgramFile file;
  if (std::string error = file.open(options.program); !error.empty()) {
    *failure = {kInvalid, error};
    return false;
  }
  Program program;
  const Status loaded = Program::load(file.data(), file.size(), builtin_kernels(), &program);
  if (!loaded.ok()) {
    *failure = {kInvalid, options.program + ": " + loaded.message};
    return false;
  }
  ingot::runner::Arena arena(program.arena_size());
  if (!arena) {
    *failure = {kInvalid, "not enough memory for the program's arena"};
    return false;
  }
  // The pool is made once, at load, as in `ingot run`.
  std::unique_ptr<ThreadPool> pool;
  if (options.threads > 1) pool = std::make_unique<ThreadPool>(options.threads);
  Executor executor;
  const Status ready = executor.init(program, arena.get(), program.arena_size(), pool.get());
  if (!ready.ok()) {
    *failure = {kInternal, ready.message};
    return false;
  }
  const double load_ms = elapsed_ms(load_start);
  if (!bind_inputs(options, program, executor, failure)) return false;
  const auto first_start = std::chrono::steady_clock::now();
  if (!run_once(executor, failure)) return false;
  const double first_run_ms = elapsed_ms(first_start);
  if (!options.output_dir.empty() && !write_outputs(options, program, executor, failure)) return false;
  if (options.repeat == 0) return true;

  for (int i = 0; i < options.warmup; ++i) {
    if (!run_once(executor, failure)) return false;
  }
  std::vector<double> ms;
  for (int i = 0; i < options.repeat; ++i) {
    const auto start = std::chrono::steady_clock::now();
    if (!run_once(executor, failure)) return false;
    ms.push_back(elapsed_ms(start));
  }
  std::sort(ms.begin(), ms.end());
  const double median = ms[ms.size() / 2];
  const double p90 = ms[std::min(ms.size() - 1, static_cast<size_t>(0.9 * static_cast<double>(ms.size())))];
  std::printf("median %.3f ms, p90 %.3f ms (%d runs after %d warmup); load %.3f ms, first run %.3f ms\n", median, p90,
              options.repeat, options.warmup, load_ms, first_run_ms);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  Failure failure{kOk, ""};
  if (!parse_args(argc, argv, &options, &failure)) {
    if (failure.code == kOk) {
      std::fputs(failure.message.c_str(), stdout);
      if (failure.message.back() != '\n') std::fputc('\n', stdout);
      return kOk;
    }
    std::fprintf(stderr, "ingot-run: error: %s\n%s\n", failure.message.c_str(), kUsageText);
    return failure.code;
  }
  if (!run(options, &failure)) {
    std::fprintf(stderr, "ingot-run: error: %s\n", failure.message.c_str());
    return failure.code;
  }
  return kOk;
}
