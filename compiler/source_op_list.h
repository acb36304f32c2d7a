// The op lists of the peers, in their own terms: ONNX Runtime's
// required_operators.config (ONNX ops by domain and opset) and ExecuTorch's
// selected_operators.yaml (ATen ops). Read: the source ops they name, with
// the dtypes they restrict them to; written: from the source ops of an op
// set's models. op_lists.h turns a read list into kernels.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "compiler/op_set.h"
#include "ir/status.h"

namespace ingot {

struct SourceOp {
  std::string domain;            // ONNX: "ai.onnx", "com.microsoft"; ATen: "aten"
  std::string name;              // "Conv"; "aten::add.out"
  std::set<std::string> dtypes;  // ingot dtype names; empty: not restricted
  std::string origin;            // "FILE:LINE", for messages
};

struct SourceOpList {
  std::string framework;         // "onnx" or "aten"
  std::vector<SourceOp> ops;
  std::set<std::string> dtypes;  // restricts every op (ONNX Runtime's globally allowed types); empty: none
  bool include_all = false;      // ExecuTorch's include_all_operators
};

Result<SourceOpList> parse_onnxruntime_config(const std::string& text, const std::string& file);
Result<SourceOpList> parse_executorch_yaml(const std::string& text, const std::string& file);

// From the set's ONNX models (an error names a model of another format).
Result<std::string> onnxruntime_config(const OpSet& set);
// From the set's .pt2 models: each ATen op as the out-variant ExecuTorch
// builds (aten.add.Tensor -> aten::add.out).
Result<std::string> executorch_yaml(const OpSet& set);

}  // namespace ingot
