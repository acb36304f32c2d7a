// Gives every symbolic size of a program a value before the graph is built:
// the user's --input-shape for the inputs it names, else torch's hint (the
// example input's size at export time), else the range's lower bound (or 1),
// each with a warning. Fixed dims that --input-shape contradicts, ranks that
// differ, and names that are no user input are usage errors, as for ONNX.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "importers/aten/program.h"
#include "ir/imported_model.h"

namespace ingot::aten {

Result<std::map<std::string, int64_t>> bind_symbols(const Program& program, const ImportOptions& options,
                                                    std::vector<std::string>& warnings);

}  // namespace ingot::aten
