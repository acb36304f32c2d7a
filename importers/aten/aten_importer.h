// The ATen importer: reads a program saved by torch.export.save (.pt2), binds
// its symbolic sizes, turns parameters, buffers and lifted constants into
// constants, and maps every ATen node (training IR or Core ATen) onto core
// ops.
#pragma once

#include <string>

#include "ir/imported_model.h"
#include "ir/status.h"

namespace ingot::aten {

Result<ImportResult> import_model(const std::string& path, const ImportOptions& options);

// The ATen targets ingot maps ("aten.addmm.default"), sorted; for the
// coverage table in docs/ops.md.
std::vector<std::string> mapped_targets();

}  // namespace ingot::aten
