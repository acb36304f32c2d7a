#include "compiler/frontend.h"

#include <filesystem>

#include "compiler/evaluate_node.h"
#include "importers/onnx/onnx_importer.h"

namespace ingot {

Result<ImportResult> import_any(const std::string& path, const ImportOptions& options) {
  std::string extension = std::filesystem::path(path).extension().string();
  if (extension == ".pt2") {
    return Status::invalid(path + ": .pt2 (torch.export) models are not supported yet; export to ONNX instead");
  }
  // Shape arithmetic folds with the reference kernels unless the caller
  // chose otherwise.
  ImportOptions with_evaluator = options;
  if (!with_evaluator.evaluate) with_evaluator.evaluate = evaluate_with_reference_kernels;
  // Anything else is read as ONNX; a file that is not says so clearly.
  return onnx_import::import_model(path, with_evaluator);
}

}  // namespace ingot
