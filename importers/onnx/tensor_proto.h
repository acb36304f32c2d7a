// ONNX TensorProto <-> ingot tensors: initializers in every storage form
// (raw_data, typed fields, external data next to the model). Also reads the
// ONNX test data's input_*.pb files.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include <onnx/onnx_pb.h>

#include "ir/graph.h"
#include "ir/status.h"

namespace ingot::onnx_import {

std::optional<DType> dtype_from_onnx(int32_t elem_type);
std::string onnx_elem_type_name(int32_t elem_type);

struct HostTensor {
  TensorType type;
  std::vector<uint8_t> bytes;  // little-endian, dense, row-major
};

// `model_dir` resolves external data; external paths may not leave it.
Result<HostTensor> tensor_from_proto(const onnx::TensorProto& proto, const std::filesystem::path& model_dir);

}  // namespace ingot::onnx_import
