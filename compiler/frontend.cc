#include "compiler/frontend.h"

#include <filesystem>
#include <fstream>

#include "compiler/evaluate_node.h"
#include "importers/aten/aten_importer.h"
#include "importers/onnx/onnx_importer.h"

namespace ingot {
namespace {

// A zip archive starts with a local file header: "PK\3\4".
bool starts_like_zip(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
}

}  // namespace

Result<ImportResult> import_any(const std::string& path, const ImportOptions& options) {
  std::string extension = std::filesystem::path(path).extension().string();
  // Shape arithmetic folds with the reference kernels unless the caller
  // chose otherwise.
  ImportOptions with_evaluator = options;
  if (!with_evaluator.evaluate) with_evaluator.evaluate = evaluate_with_reference_kernels;
  // torch.export.save archives (.pt2, or any zip): the ATen importer.
  if (extension == ".pt2" || starts_like_zip(path)) return aten::import_model(path, with_evaluator);
  // Anything else is read as ONNX; a file that is not says so clearly.
  return onnx_import::import_model(path, with_evaluator);
}

std::optional<CoreOpSet> declared_core_ops(const std::string& format, const std::string& op) {
  if (format == "pt2") return aten::core_ops_of(op);
  if (format != "onnx") return std::nullopt;
  // Ops outside the standard domain are labelled "domain:Op".
  const size_t colon = op.find(':');
  if (colon == std::string::npos) return onnx_import::core_ops_of("", op);
  return onnx_import::core_ops_of(std::string_view(op).substr(0, colon), std::string_view(op).substr(colon + 1));
}

}  // namespace ingot
