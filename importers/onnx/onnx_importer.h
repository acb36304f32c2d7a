// The ONNX importer: reads a model with the onnx library (checker, shape
// inference), binds symbolic dims, converts initializers and maps every node
// onto core ops.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/imported_model.h"
#include "ir/core_op_set.h"
#include "ir/status.h"

namespace ingot::onnx_import {

// Highest ai.onnx opset the importer accepts (what the linked onnx library knows).
int64_t max_supported_opset();

Result<ImportResult> import_model(const std::string& path, const ImportOptions& options);

// The standard-domain ops ingot maps, sorted; for the coverage table in
// docs/ops.md.
std::vector<std::string> mapped_op_types();

// The core ops that nodes of `op_type` in `domain` may become, known without a
// model (for op lists such as ONNX Runtime's required_operators.config):
// - the standard domain ("" or "ai.onnx"), any opset: every core op the op's
//   converter may emit, decompositions included;
// - ONNX Runtime's ops ("com.microsoft": FusedConv, FusedGemm, Gelu,
//   SkipLayerNormalization, QLinearAdd, ...; "com.microsoft.nchwc"; its
//   SimplifiedLayerNormalization in "ai.onnx"): the union of what the
//   standard ops ORT fused into it declare (FusedConv: Conv, Add and the
//   activations it fuses), see ort_ops.cc.
// An empty set: the op becomes no node (Identity, Shape, Constant). nullopt:
// ingot does not know the op. A graph output that is an input, a constant or
// another output also needs `copy` (kOutputCopySource), whatever its ops.
std::optional<CoreOpSet> core_ops_of(std::string_view domain, std::string_view op_type);

}  // namespace ingot::onnx_import
