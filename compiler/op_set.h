// An op set: the kernels that a release's models need on one target, each
// with its (op, variant, dtype) and the models that call it. `ingot ops`
// makes one from models or compiled programs and writes it (ingot's
// ops.yaml, or the op lists of ExecuTorch and ONNX Runtime); `ingot runtime`
// reads one and writes a runtime of exactly those kernels.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "compiler/program_needs.h"
#include "ir/status.h"

namespace ingot {

// The parts of a kernel name: "conv.depthwise.f32.avx512" is op conv,
// variant depthwise, dtype f32, isa avx512; "reshape.portable" is op
// reshape, variant and isa "portable", dtype "" (it takes any).
struct KernelName {
  std::string op, variant, dtype, isa;
};
Result<KernelName> parse_kernel_name(const std::string& name);

struct OpSetKernel {
  std::set<std::string> dtypes;      // the dtypes of the operands it is called with
  std::set<std::string> models;      // the models that call it
  std::set<std::string> source_ops;  // the models' ops behind it ("Conv", "aten.conv2d.default")
};

// A model of the set, as its file says: for the op lists of the frameworks
// (ONNX Runtime's lists its ONNX ops, ExecuTorch's its ATen ops).
struct OpSetModel {
  std::string format;                 // "onnx", "pt2", or "program" (a compiled program)
  int64_t opset = 0;                  // ONNX: the standard opset
  std::set<std::string> source_ops;   // "Conv", "com.microsoft:FusedConv", "aten.conv2d.default"
};

struct OpSet {
  std::string target;                         // "x86-64-avx512": what the kernel names are for
  std::map<std::string, OpSetModel> models;    // by file name
  std::set<std::string> dtypes;               // of every tensor of the models
  std::map<std::string, OpSetKernel> kernels;  // by kernel name
};

// Adds what the program needs to `set`, under the name of `model`. Every
// program of one set must be for one target.
Status add_program(const ProgramNeeds& program, const std::string& name, const OpSetModel& model, OpSet* set);

// ingot's own op list format (docs/runtimes.md): YAML.
std::string op_set_yaml(const OpSet& set, const std::string& producer);
Result<OpSet> parse_op_set_yaml(const std::string& text, const std::string& file);

}  // namespace ingot
