// The compiler's front door: picks the importer for a model file.
#pragma once

#include <string>

#include "ir/imported_model.h"
#include "ir/status.h"

namespace ingot {

Result<ImportResult> import_any(const std::string& path, const ImportOptions& options);

}  // namespace ingot
