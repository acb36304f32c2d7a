// `ingot inspect`: import a model leniently and describe it.
#pragma once

#include <string>

#include "ir/imported_model.h"
#include "ir/status.h"

namespace ingot {

enum class InspectFormat { text, json, ir, dot };

// The rendering of the model in `format`. Ops that cannot be mapped are
// reported, not fatal; an unreadable model is an error.
Result<std::string> inspect_model(const std::string& path, ImportOptions options, InspectFormat format);

}  // namespace ingot
