// The ONNX importer: reads a model with the onnx library (checker, shape
// inference), binds symbolic dims, converts initializers and maps every node
// onto core ops.
#pragma once

#include <string>

#include "ir/imported_model.h"
#include "ir/status.h"

namespace ingot::onnx_import {

// Highest ai.onnx opset the importer accepts (what the linked onnx library knows).
int64_t max_supported_opset();

Result<ImportResult> import_model(const std::string& path, const ImportOptions& options);

}  // namespace ingot::onnx_import
