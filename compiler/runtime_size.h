// The size report of a runtime project (`ingot runtime --size-report`):
// the project built for its target (-Os, unused sections dropped, stripped),
// then the linked runner's symbols attributed to the object files that define
// them, read with LLVM's Object library: bytes of the core (loader,
// executor, registry), of each kernel, of code several kernels share, of the
// runner, and the rest of the stripped file.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ir/status.h"

namespace ingot {

struct KernelBytes {
  std::string kernel;  // "conv.depthwise.f32.neon"
  uint64_t bytes = 0;
};

// Code that several owners' objects define (a template their kernels share).
struct SharedBytes {
  std::vector<std::string> owners;  // kernels, or "core", "runner", "kernel helpers"
  uint64_t bytes = 0;
};

struct RuntimeSizeReport {
  std::string target;
  std::string arch;
  std::string binary;           // the unstripped runner it was read from
  uint64_t stripped_bytes = 0;  // the stripped runner's file
  uint64_t core_bytes = 0;      // src/ and generated/: loader, executor, thread pool, kernel table, manifest
  std::vector<KernelBytes> kernels;
  std::vector<SharedBytes> shared;  // by who shares it, kernel helpers (kernels/portable/util.cc) included
  uint64_t shared_bytes() const;
  uint64_t runner_bytes = 0;    // runner/: ingot-run's arguments and .npy files
  uint64_t other_bytes = 0;     // the rest of the stripped file: headers, dynamic linking, C start-up, strings
  uint64_t kernel_bytes() const;
  // What the runtime adds to an app: core + kernels + shared.
  uint64_t runtime_bytes() const { return core_bytes + kernel_bytes() + shared_bytes(); }
};

// Builds the project at `project_dir` (as written by `ingot runtime`) in
// `project_dir`/build-size with CMake and measures it. `jobs`: parallel
// compiles. `progress` hears each step.
Result<RuntimeSizeReport> build_and_measure(const std::string& project_dir, const std::string& target, int jobs,
                                            const std::function<void(const std::string&)>& progress);

nlohmann::ordered_json size_report_json(const RuntimeSizeReport& report);
std::string size_report_table(const RuntimeSizeReport& report);

}  // namespace ingot
