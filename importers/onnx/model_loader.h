// Reading an ONNX file into a checked, shape-inferred ModelProto with every
// graph input bound to a static shape.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

#include "importers/onnx/onnx_importer.h"
#include "ir/status.h"

namespace ingot::onnx_import {

struct LoadedModel {
  onnx::ModelProto proto;
  int64_t opset = 0;
  std::map<std::string, std::vector<int64_t>> shape_data;  // data propagation results
  std::vector<std::string> warnings;
};

Result<LoadedModel> load_model(const std::string& path, const ImportOptions& options);

}  // namespace ingot::onnx_import
