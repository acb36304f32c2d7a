#include "compiler/run_program.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "compiler/bundle_writer.h"
#include "compiler/npy.h"
#include "compiler/run_profile.h"
#include "importers/onnx/tensor_proto.h"
#include "ingot/runtime.h"
#include "ingot/thread_pool.h"
#include "runner/program_file.h"

namespace ingot {
namespace {

namespace fs = std::filesystem;

Result<HostTensorData> read_tensor(const std::string& path) {
  if (fs::path(path).extension() == ".pb") {
    std::ifstream in(path, std::ios::binary);
    onnx::TensorProto proto;
    if (!in || !proto.ParseFromIstream(&in)) return Status::invalid(path + ": not an ONNX TensorProto file");
    INGOT_ASSIGN_OR_RETURN(onnx_import::HostTensor tensor, onnx_import::tensor_from_proto(proto, fs::path(path).parent_path()));
    return HostTensorData{tensor.type, std::move(tensor.bytes)};
  }
  return read_npy(path);
}

TensorType type_of(const rt::Tensor& tensor) {
  return {static_cast<DType>(tensor.dtype), Shape(tensor.dims, tensor.dims + tensor.rank)};
}

// Output file name: the tensor's name with anything unsafe for a path replaced.
std::string file_name_for(const std::string& name) {
  std::string safe = name;
  for (char& c : safe) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') c = '_';
  }
  return (safe.empty() || safe[0] == '.' ? "_" + safe : safe) + ".npy";
}

Status bind_inputs(const RunOptions& options, const rt::Program& program, const rt::Executor& executor) {
  std::map<std::string, std::string> files;
  for (const std::string& arg : options.inputs) {
    size_t eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) return Status::usage("--input '" + arg + "' must look like NAME=FILE");
    files[arg.substr(0, eq)] = arg.substr(eq + 1);
  }
  std::string names;
  for (size_t i = 0; i < program.num_inputs(); ++i) names += (i ? ", " : "") + std::string(program.input_name(i));
  for (const auto& [name, file] : files) {
    bool known = false;
    for (size_t i = 0; i < program.num_inputs(); ++i) known = known || name == program.input_name(i);
    if (!known) return Status::invalid(fmt::format("the program has no input '{}' (its inputs: {})", name, names));
  }
  for (size_t i = 0; i < program.num_inputs(); ++i) {
    const rt::Tensor& slot = executor.input(i);
    TensorType expected = type_of(slot);
    auto it = files.find(program.input_name(i));
    if (it == files.end()) {
      return Status::invalid(fmt::format("input '{}' is not given; it expects {} (--input {}=FILE)", slot.name,
                                         type_to_string(expected), slot.name));
    }
    INGOT_ASSIGN_OR_RETURN(HostTensorData data, read_tensor(it->second));
    // numpy has no bfloat16: such data arrives as the uint16 bits.
    if (expected.dtype == DType::bf16 && data.type.dtype == DType::u16) data.type.dtype = DType::bf16;
    if (data.type.dtype != expected.dtype || data.type.shape != expected.shape) {
      return Status::invalid(fmt::format("input '{}' expects {}, but {} holds {}", slot.name, type_to_string(expected),
                                         it->second, type_to_string(data.type)));
    }
    if (slot.bytes > 0) std::memcpy(slot.data, data.bytes.data(), slot.bytes);  // an empty vector may have no data
  }
  return {};
}

double elapsed_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

Status run_once(rt::Executor& executor, rt::RunObserver* observer = nullptr) {
  rt::Status status = executor.run(observer);
  if (!status.ok()) return Status::invalid(fmt::format("run failed: {}", status.message));
  return {};
}

}  // namespace

Result<std::string> run_program(const RunOptions& options) {
  if (options.repeat < 0 || options.warmup < 0) return Status::usage("--repeat and --warmup must not be negative");
  if (options.threads < 1) return Status::usage("--threads must be at least 1");
  if (options.profile < 0) return Status::usage("--profile must not be negative");
  if (options.profile > 0 && options.repeat == 0) return Status::usage("--profile needs --repeat N: it times N runs of its own");
  // Start-up: from opening the file to an executor ready to run (the file is
  // mapped and its constants used where they lie; nothing is copied or
  // repacked), the thread pool included.
  const auto load_start = std::chrono::steady_clock::now();
  runner::ProgramFile file;
  if (std::string error = file.open(options.program); !error.empty()) return Status::invalid(error);
  std::optional<rt::ThreadPool> pool;
  if (options.threads > 1) pool.emplace(options.threads);
  rt::Program program;
  rt::Status loaded = rt::Program::load(file.data(), file.size(), rt::builtin_kernels(), &program);
  if (!loaded.ok()) return Status::invalid(fmt::format("{}: {}", options.program, loaded.message));
  runner::Arena arena(program.arena_size());
  if (!arena) return Status::invalid("not enough memory for the program's arena");
  rt::Executor executor;
  rt::Status ready = executor.init(program, arena.get(), program.arena_size(), pool ? &*pool : nullptr);
  if (!ready.ok()) return Status::internal(ready.message);
  const double load_ms = elapsed_ms(load_start);
  INGOT_RETURN_IF_ERROR(bind_inputs(options, program, executor));

  const auto first_start = std::chrono::steady_clock::now();
  INGOT_RETURN_IF_ERROR(run_once(executor));
  const double first_run_ms = elapsed_ms(first_start);
  if (!options.output_dir.empty()) {
    std::error_code error;
    fs::create_directories(options.output_dir, error);
    for (size_t i = 0; i < program.num_outputs(); ++i) {
      const rt::Tensor& out = executor.output(i);
      std::string bytes = npy_bytes(type_of(out), static_cast<const uint8_t*>(out.data), out.bytes);
      INGOT_RETURN_IF_ERROR(write_file_atomically((fs::path(options.output_dir) / file_name_for(out.name)).string(), bytes));
    }
  }
  if (options.repeat == 0) return std::string();

  for (int i = 0; i < options.warmup; ++i) INGOT_RETURN_IF_ERROR(run_once(executor));
  std::vector<double> ms;
  for (int i = 0; i < options.repeat; ++i) {
    const auto start = std::chrono::steady_clock::now();
    INGOT_RETURN_IF_ERROR(run_once(executor));
    ms.push_back(elapsed_ms(start));
  }
  std::sort(ms.begin(), ms.end());
  const double median = ms[ms.size() / 2];
  const double p90 = ms[std::min(ms.size() - 1, static_cast<size_t>(0.9 * static_cast<double>(ms.size())))];
  // The profile comes from runs of its own, after the timed ones, so that
  // its clock reads around every instruction do not weigh on the median.
  std::optional<nlohmann::ordered_json> profile;
  if (options.profile > 0) {
    InstructionProfiler profiler(program.schema()->instructions()->size());
    for (int i = 0; i < options.repeat; ++i) INGOT_RETURN_IF_ERROR(run_once(executor, &profiler));
    profile = profile_json(program, profiler, options.repeat, static_cast<size_t>(options.profile));
  }
  if (options.json) {
    nlohmann::ordered_json timing{{"runs", options.repeat}, {"warmup", options.warmup}, {"threads", options.threads}, {"median_ms", median},
                                  {"p90_ms", p90},          {"load_ms", load_ms},        {"first_run_ms", first_run_ms}};
    if (profile) timing["profile"] = *profile;
    return timing.dump() + "\n";
  }
  std::string printed = fmt::format("median {:.3f} ms, p90 {:.3f} ms ({} runs after {} warmup, {} thread{}); load {:.3f} ms, first run {:.3f} ms\n",
                                    median, p90, options.repeat, options.warmup, options.threads, options.threads == 1 ? "" : "s", load_ms,
                                    first_run_ms);
  if (profile) printed += "\n" + profile_table(*profile);
  return printed;
}

}  // namespace ingot
