// The manifest of a runtime build: what it holds, as the text that every
// runtime compiles in (runtime_manifest() in runtime-stub/include/ingot/
// runtime.h describes the lines). The runtime's own registry writes it with
// the preprocessor; a generated runtime gets it from manifest_text();
// `ingot check` reads either back with parse_manifest().
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ir/status.h"

namespace ingot::cpp {

inline constexpr int kManifestVersion = 1;

struct RuntimeManifest {
  std::string producer;        // "ingot 0.1.0"
  int format_major = 0;        // the program format it reads
  int format_minor = 0;
  std::string arch;            // "x86_64", "aarch64", "any"
  std::vector<std::string> features;  // CPU features its kernels are built for
  std::vector<std::string> dtypes;    // "f32", "i64", ...
  std::vector<std::string> kernels;   // "add.portable", "conv.depthwise.f32.neon"
};

std::string manifest_text(const RuntimeManifest& manifest);

// `source` names the file in messages.
Result<RuntimeManifest> parse_manifest(std::string_view text, const std::string& source);

}  // namespace ingot::cpp
