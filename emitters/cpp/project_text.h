// The generated files of a runtime project (runtime_project.h): the
// registration table with the manifest, the build settings, the README.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "emitters/cpp/runtime_project.h"

namespace ingot::cpp {

// generated/registry.cc: builtin_kernels() and portable_kernels() of exactly
// these kernels, and runtime_manifest().
std::string registry_source(const RuntimeProjectSpec& spec, const std::vector<KernelSource>& kernels);

// generated/config.cmake: INGOT_DTYPE_MASK, the dtypes the portable kernels are built for.
std::string config_cmake(const RuntimeProjectSpec& spec);

// README.md: what the project holds and how to build it; `files` are the
// project's other files.
std::string project_readme(const RuntimeProjectSpec& spec, const std::map<std::string, std::string>& files);

}  // namespace ingot::cpp
