// The compiler's front door: picks the importer for a model file.
#pragma once

#include <optional>
#include <string>

#include "ir/imported_model.h"
#include "ir/core_op_set.h"
#include "ir/status.h"

namespace ingot {

Result<ImportResult> import_any(const std::string& path, const ImportOptions& options);

// The core ops a source op of a model in `format` ("onnx", "pt2") may become,
// as its importer declares them; `op` as ImportResult::source_op_histogram
// names it ("Clip", "com.microsoft:FusedConv", "aten.add.Tensor"). nullopt for
// an op the importer does not know.
std::optional<CoreOpSet> declared_core_ops(const std::string& format, const std::string& op);

}  // namespace ingot
