#include "compiler/frontend.h"

#include <filesystem>

#include "importers/onnx/onnx_importer.h"

namespace ingot {

Result<ImportResult> import_any(const std::string& path, const ImportOptions& options) {
  std::string extension = std::filesystem::path(path).extension().string();
  if (extension == ".pt2") {
    return Status::invalid(path + ": .pt2 (torch.export) models are not supported yet; export to ONNX instead");
  }
  // Anything else is read as ONNX; a file that is not says so clearly.
  return onnx_import::import_model(path, options);
}

}  // namespace ingot
