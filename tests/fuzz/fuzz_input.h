// Shared by the fuzz targets of file importers: the input written to a file
// in a private temporary folder (importers read paths; relative paths inside a
// model then resolve only there), and the rule that bad bytes must come back
// as invalid input, never as an internal error.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "ir/status.h"

namespace ingot::fuzz {

// Writes the input to <private folder>/<file_name> and returns that path. The
// folder is made once per process and removed at exit.
inline const std::string& write_input(const char* file_name, const uint8_t* data, size_t size) {
  // Never destroyed: the atexit handler runs after static destructors would have.
  static const std::string* path = [file_name] {
    std::string base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path().string();
    std::string dir = base + "/ingot-fuzz-XXXXXX";
    if (mkdtemp(dir.data()) == nullptr) std::abort();
    auto* file = new std::string(dir + "/" + file_name);
    std::atexit([] { std::filesystem::remove_all(std::filesystem::path(*path).parent_path()); });
    return file;
  }();
  std::ofstream out(*path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return *path;
}

// An internal error (the CLI's exit 3, "a bug in ingot") on bad input is a finding.
inline void require_not_internal(const Status& status) {
  if (!status.ok() && status.kind() == ErrorKind::internal) {
    std::fprintf(stderr, "internal error on bad input: %s\n", status.message().c_str());
    std::abort();
  }
}

}  // namespace ingot::fuzz
