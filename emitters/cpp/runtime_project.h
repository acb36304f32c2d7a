// A standalone runtime project for one op set (`ingot compile
// --emit-runtime`, `ingot runtime`): the runtime core, the sources of exactly
// the kernels named, and what ingot generates for them (the registration
// table with the manifest, the dtype set, a README). Everything else in it is
// a copy of ingot's own runtime sources (runtime_sources.h), unchanged, so
// the project builds the same code that ingot's tests run. It builds with
// CMake and any C++17 compiler for x86-64 or aarch64; its only dependency is
// the FlatBuffers headers.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "emitters/cpp/runtime_manifest.h"
#include "ir/status.h"

namespace ingot::cpp {

struct RuntimeProjectSpec {
  // kernels (the registry's entries, sorted), dtypes (the portable kernels
  // are built for these only), arch and features, producer.
  RuntimeManifest manifest;
  std::string target;   // "aarch64", "x86-64-avx512": for the README
  std::string command;  // what made it ("ingot runtime --ops ops.yaml ..."), for the generated files' headers
};

// The project's files: path inside the project -> content. An error names a
// kernel that has no source in this ingot.
Result<std::map<std::string, std::string>> runtime_project_files(const RuntimeProjectSpec& spec);

// Where the source of `kernel` lies in a runtime project
// ("kernels/portable/add.cc", "kernels/arm/neon/conv_depthwise_f32.cc"),
// and the C++ name of its function ("portable::kernel_add").
struct KernelSource {
  std::string path;
  std::string function;
};
Result<KernelSource> kernel_source(const std::string& kernel);

}  // namespace ingot::cpp
