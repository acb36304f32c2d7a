// The runtime's own source files (runtime-stub/: core, kernels, runner and
// the schema's generated header), embedded into ingot at build time by
// embed_files, so that a runtime project can be written from any copy of
// the `ingot` binary. Paths are the files' paths inside the project:
// "src/program.cc", "kernels/x86/avx512/conv_depthwise_f32.cc",
// "generated/ingot_generated.h".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ingot::cpp {

struct SourceFile {
  std::string_view path;
  std::string_view text;
};

// Every embedded file, in the order of the build's file list.
const std::vector<SourceFile>& runtime_sources();

// The embedded file at `path`; null when there is none.
const SourceFile* find_runtime_source(std::string_view path);

// The quoted includes of a source text ("ingot/kernel.h" for
// `#include "ingot/kernel.h"`), in order; <system> includes are not listed.
std::vector<std::string> quoted_includes(std::string_view text);

}  // namespace ingot::cpp
