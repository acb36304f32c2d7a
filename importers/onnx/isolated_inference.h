// ONNX shape inference in a child process. The onnx library's inference
// functions index input dims without checking ranks; a malformed model can
// crash them (fuzzing found Conv and Gemm cases). Run in a fork, a crash
// costs the child only, and the import fails with a clear message.
#pragma once

#include <string>
#include <unordered_map>

#include <onnx/onnx_pb.h>

#include "ir/status.h"

namespace ingot::onnx_import {

// Runs onnx::shape_inference::InferShapes (with data propagation) on `model`
// in a forked child and copies what the importer uses back into `model`:
// the main graph's value_info and outputs, and the data propagation results
// into `shape_data`. Forks: call it where no other thread holds a lock that
// the inference needs (ingot's importer runs on one thread).
Status infer_shapes_isolated(onnx::ModelProto& model,
                             std::unordered_map<std::string, onnx::TensorShapeProto>* shape_data);

}  // namespace ingot::onnx_import
