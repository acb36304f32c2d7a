// Fuzz target: the serialized ExportedProgram of a .pt2 archive (its
// models/*.json or serialized_exported_program.json): the JSON parser, then
// the reader of every schema version (unions compact or verbose, symbolic
// sizes, range constraints).
//
// Bad text must come back as an invalid-input status, never an internal
// error or a crash.
#include <string_view>

#include "importers/aten/json_util.h"
#include "importers/aten/program.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto json = ingot::aten::parse_json(std::string_view(reinterpret_cast<const char*>(data), size));
  ingot::fuzz::require_not_internal(json.status());
  if (json.ok()) ingot::fuzz::require_not_internal(ingot::aten::read_program(*json).status());
  return 0;
}
