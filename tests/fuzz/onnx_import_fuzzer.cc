// Fuzz target: the ONNX importer, through its real entry point
// (onnx_import::import_model reads a file: the input is written to a private
// temporary folder first, so that external-data paths resolve only there).
//
// Bad bytes must come back as an invalid-input status (the CLI's exit 2); an
// internal error (exit 3, "a bug in ingot") or a crash is a finding.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "importers/onnx/onnx_importer.h"

namespace {

// Never destroyed: the atexit handler that removes the folder runs after
// static destructors would have run.
const std::string& model_path() {
  static const std::string* path = [] {
    std::string base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path().string();
    std::string dir = base + "/ingot-fuzz-onnx-XXXXXX";
    if (mkdtemp(dir.data()) == nullptr) std::abort();
    auto* file = new std::string(dir + "/model.onnx");
    std::atexit([] { std::filesystem::remove_all(std::filesystem::path(model_path()).parent_path()); });
    return file;
  }();
  return *path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  {
    std::ofstream out(model_path(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  ingot::Result<ingot::ImportResult> result = ingot::onnx_import::import_model(model_path(), {});
  if (!result.ok() && result.status().kind() == ingot::ErrorKind::internal) {
    std::fprintf(stderr, "internal error on bad input: %s\n", result.status().message().c_str());
    std::abort();
  }
  return 0;
}
