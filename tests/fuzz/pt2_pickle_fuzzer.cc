// Fuzz target: the bounded unpickler that reads the data.pkl of the torch.save
// archives inside a .pt2 (weights and constants of torch 2.1-2.8). Anything
// beyond tensor rebuilding must be refused with a status; memory must stay
// linear in the input.
#include <span>

#include "importers/aten/pickle_reader.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ingot::fuzz::require_not_internal(ingot::aten::read_pickle(std::span<const uint8_t>(data, size)).status());
  return 0;
}
