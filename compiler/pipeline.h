// The pass pipeline: which passes run, in which order. One list, read top to
// bottom; `ingot compile --disable-pass` and `--print-ir-after` name its
// entries.
#pragma once

#include <vector>

#include "passes/pass.h"

namespace ingot {

std::vector<Pass> default_pipeline();

}  // namespace ingot
