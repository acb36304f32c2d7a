// ONNX Runtime's own ops (com.microsoft, com.microsoft.nchwc, and its few in
// the standard domain), each with the standard ONNX ops it stands for in the
// model ORT optimized: what an op list made by ORT means in ingot's terms.
#pragma once

#include <string_view>
#include <vector>

namespace ingot::onnx_import {

inline constexpr std::string_view kOnnx = "ai.onnx";
inline constexpr std::string_view kMicrosoft = "com.microsoft";
inline constexpr std::string_view kNchwc = "com.microsoft.nchwc";

struct OrtOp {
  std::string_view domain;
  std::string_view op;
  std::vector<std::string_view> standard_ops;  // standard-domain ops ingot has converters for
};

const std::vector<OrtOp>& ort_ops();
// The entry of (domain, op), or null; `domain` as ORT spells it.
const OrtOp* find_ort_op(std::string_view domain, std::string_view op);

}  // namespace ingot::onnx_import
