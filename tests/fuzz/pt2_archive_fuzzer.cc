// Fuzz target: the .pt2 importer through its real entry point, on whole
// archives: the zip directory and layout (which torch version wrote it, an
// AOTInductor package, missing entries), then everything behind it for the
// archives that survive. Stored entries carry a CRC that libzip checks, so
// mutations mostly exercise the zip structure; pt2_program_fuzzer and
// pt2_pickle_fuzzer reach the JSON and pickle readers directly.
//
// Bad bytes must come back as an invalid-input status (the CLI's exit 2).
#include "importers/aten/aten_importer.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = ingot::fuzz::write_input("model.pt2", data, size);
  ingot::fuzz::require_not_internal(ingot::aten::import_model(path, {}).status());
  return 0;
}
