// Fuzz target: the ONNX importer, through its real entry point
// (onnx_import::import_model reads a file, so that external-data paths
// resolve only inside the fuzzer's private folder).
//
// Bad bytes must come back as an invalid-input status (the CLI's exit 2); an
// internal error (exit 3, "a bug in ingot") or a crash is a finding.
#include "importers/onnx/onnx_importer.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = ingot::fuzz::write_input("model.onnx", data, size);
  ingot::fuzz::require_not_internal(ingot::onnx_import::import_model(path, {}).status());
  return 0;
}
