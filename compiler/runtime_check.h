// `ingot check PROGRAM --runtime MANIFEST_OR_BINARY`: whether a compiled
// program will load on a runtime build, said before shipping. The runtime is
// its manifest (manifest.txt of a generated runtime), or a binary or static
// library that has one compiled in (the section ".ingot_manifest").
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "emitters/cpp/runtime_manifest.h"
#include "ir/status.h"

namespace ingot {

struct RuntimeCheck {
  std::string program;
  std::string runtime;
  cpp::RuntimeManifest manifest;
  std::vector<std::string> missing_kernels;  // every one, in the program's order
  std::vector<std::string> problems;         // each reason it will not load, missing kernels included
  bool loads() const { return problems.empty(); }
};

// The manifest of a runtime: a manifest file, or the section of an ELF
// binary, shared library or static library.
Result<cpp::RuntimeManifest> read_runtime_manifest(const std::string& path);

Result<RuntimeCheck> check_program(const std::string& program, const std::string& runtime);

std::string check_text(const RuntimeCheck& check);
nlohmann::ordered_json check_json(const RuntimeCheck& check);

}  // namespace ingot
